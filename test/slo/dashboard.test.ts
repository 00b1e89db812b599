/** The overview dashboard's widgets per SLO: burn rate over an hour and the budget left over the window. */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { loadStack } from '../../src/config/load';
import { exampleCopy, removeStackDirs } from '../integration/stack-dir';

afterAll(removeStackDirs);

test('the example with stack.dashboard gets its SLO’s burn rate and budget-left widgets, from errors / requests', async () => {
  const dir = exampleCopy();
  const stackFile = path.join(dir, 'stack.yaml');
  writeFileSync(
    stackFile,
    readFileSync(stackFile, 'utf8').replace('  region: us-east-1\n', '  region: us-east-1\n  dashboard: true\n'),
  );
  const stack = await loadStack(dir, { env: {} });
  const overview = stack.resources.find((r) => r.spec.kind === 'dashboard');
  const body = JSON.parse(overview?.spec.kind === 'dashboard' ? overview.spec.body : '{}') as {
    widgets: {
      type: string;
      properties: { title?: string; view?: string; period?: number; start?: string; metrics?: unknown[][] };
    }[];
  };
  const slo = body.widgets.filter((w) => w.properties.title?.startsWith('SLO '));
  expect(slo.map((w) => [w.properties.title, w.properties.view, w.properties.period, w.properties.start])).toEqual([
    ['SLO teachme-availability: burn rate (1 = the budget lasts exactly 30d)', 'timeSeries', 3600, undefined],
    ['SLO teachme-availability: error budget left over 30d (%)', 'singleValue', 2592000, '-PT720H'],
  ]);
  // Burn rate = error rate / 0.1%; budget left = 100 × (1 − error rate / 0.1%).
  expect(slo.map((w) => w.properties.metrics)).toEqual([
    [
      ['TeachMe', 'Errors', { id: 'bad', stat: 'Sum', period: 3600, visible: false }],
      ['TeachMe', 'Requests', { id: 'total', stat: 'Sum', period: 3600, visible: false }],
      [{ expression: '(FILL(bad, 0) / total) / 0.001', label: 'burn rate over 1h', id: 'shown' }],
    ],
    [
      ['TeachMe', 'Errors', { id: 'bad', stat: 'Sum', period: 2592000, visible: false }],
      ['TeachMe', 'Requests', { id: 'total', stat: 'Sum', period: 2592000, visible: false }],
      [{ expression: '100 * (1 - (FILL(bad, 0) / total) / 0.001)', label: 'budget left %', id: 'shown' }],
    ],
  ]);
});
