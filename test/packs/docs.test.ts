/** docs/packs.md: its services table is the data's (generated), and its example block validates. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { servicesTable } from '../../src/kinds/pack/describe';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const DOC = readFileSync(path.join(__dirname, '..', '..', 'docs', 'packs.md'), 'utf8');

/** A markdown table's rows as trimmed cells, whatever the padding prettier gave them. */
const rows = (table: string) =>
  table
    .split('\n')
    .filter((l) => l.startsWith('|') && !/^\|[\s-|]+\|$/.test(l))
    .map((l) =>
      l
        .slice(1, -1)
        .split(/(?<!\\)\|/)
        .map((c) => c.trim()),
    );

test('the services table in docs/packs.md is the one the data generates', () => {
  const start = DOC.indexOf('<!-- services table');
  const end = DOC.indexOf('<!-- end of services table -->');
  expect(start).toBeGreaterThan(0);
  expect(rows(DOC.slice(start, end))).toEqual(rows(servicesTable()));
});

test('the first example block of docs/packs.md validates', async () => {
  const block = /```yaml\n([\s\S]*?)```/.exec(DOC)?.[1] ?? '';
  const dir = stackDir({
    'stack.yaml': 'stack: { name: shop, region: us-east-1 }\ntopics:\n  - name: shop-alerts\n',
    'packs.yaml': block,
  });
  const run = await runCliCaptured(['validate', dir]);
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
});
