/**
 * docs/import.md's example is what import writes for the seed's console-made stack: generated
 * here, never typed by hand. `UPDATE_IMPORT_EXAMPLE=1 npx jest test/import/readme.test.ts` rewrites it.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { layoutImport } from '../../src/import/layout';
import { importTexts } from '../../src/import/run';
import type { LiveResource } from '../../src/model';
import { ACCOUNT, REGION } from './round-trip-helpers';

const README = path.join(__dirname, '..', '..', 'docs', 'import.md');
const arn = (service: string, rest: string) => `arn:aws:${service}:${REGION}:${ACCOUNT}:${rest}`;

/** The seed's walkthrough, as the console leaves it: nothing tagged, the filter under the console's name. */
const consoleMade: LiveResource[] = [
  {
    spec: { kind: 'logGroup', name: '/teachme/app', retentionInDays: 30, tags: {} },
    arn: arn('logs', 'log-group:/teachme/app'),
    owned: false,
  },
  {
    spec: {
      kind: 'metricFilter',
      logGroupName: '/teachme/app',
      filterName: 'ErrorCount',
      filterPattern: '%ERROR%',
      transformation: {
        metricNamespace: 'TeachMe',
        metricName: 'Errors',
        metricValue: '1',
        defaultValue: 0,
        dimensions: {},
      },
    },
    owned: false,
  },
  {
    spec: {
      kind: 'metricAlarm',
      name: 'teachme-errors',
      actionsEnabled: true,
      alarmActions: [arn('sns', 'teachme-alerts')],
      okActions: [],
      insufficientDataActions: [],
      metric: { namespace: 'TeachMe', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
      threshold: 2,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      treatMissingData: 'missing',
      tags: {},
    },
    arn: arn('cloudwatch', 'alarm:teachme-errors'),
    owned: false,
  },
  {
    spec: { kind: 'topic', name: 'teachme-alerts', fifo: false, tags: {} },
    arn: arn('sns', 'teachme-alerts'),
    owned: false,
  },
  {
    spec: {
      kind: 'subscription',
      topicName: 'teachme-alerts',
      protocol: 'email',
      endpoint: 'oncall@example.com',
      rawMessageDelivery: false,
    },
    arn: arn('sns', 'teachme-alerts:4f2c9a1e-0b6d-4c55-9d3e-8a7b6c5d4e3f'),
    owned: false,
  },
  {
    spec: {
      kind: 'subscription',
      topicName: 'teachme-alerts',
      protocol: 'https',
      endpoint: 'https://hooks.example.com/T0/B0/token',
      rawMessageDelivery: false,
    },
    arn: arn('sns', 'teachme-alerts:9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d'),
    owned: false,
  },
];

function example(): string {
  const layout = layoutImport(consoleMade, { stack: 'teachme', region: REGION, accountId: ACCOUNT });
  const texts = importTexts(layout);
  const shown = ['stack.yaml', 'topics.yaml', 'teachme-app.yaml', '.env.example'].filter((f) => f in texts);
  const left = layout.leftOut.map((l) => `# left out: ${l.resource}: ${l.reason}\n`).join('');
  return (
    shown
      .map((f) => `\`\`\`${f.endsWith('.yaml') ? 'yaml' : 'sh'}\n# ---- monitors/${f}\n${texts[f] as string}\`\`\``)
      .join('\n\n') + (left ? `\n\n\`\`\`text\n${left}\`\`\`` : '')
  );
}

const MARKERS =
  /(<!-- import-example:start -->\n<!-- prettier-ignore-start -->\n)([\s\S]*?)(\n<!-- prettier-ignore-end -->\n<!-- import-example:end -->)/;

test("docs/import.md's example is what import writes for the seed's console-made stack", () => {
  const readme = readFileSync(README, 'utf8');
  expect(readme).toMatch(MARKERS);
  const expected = example();
  if (process.env.UPDATE_IMPORT_EXAMPLE)
    writeFileSync(
      README,
      readme.replace(MARKERS, (_m, a: string, _b, c: string) => `${a}${expected}${c}`),
    );
  else expect(MARKERS.exec(readme)?.[2]).toBe(expected);
  expect(expected).not.toContain('hooks.example.com');
});
