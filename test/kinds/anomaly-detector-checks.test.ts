/**
 * The offline checks of `anomalyDetectors:` and of the bands alarms take from them: each mistake is
 * refused at its file:line:column before any request (a counting endpoint sees none); an alarm's band
 * on a metric whose declared detector models another statistic is an error, on a metric no detector
 * is declared for a warning; `${env:}` is refused in every field of a detector.
 */
import { loadStack, loadStacks } from '../../src/config/load';
import { bandsOf } from '../../src/kinds/anomaly-detector/checks';
import { parseRangeTime, validStat } from '../../src/kinds/anomaly-detector/time';
import type { MetricAlarmSpec } from '../../src/kinds/specs';
import { formatDiagnostic } from '../../src/model';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const HEAD = 'stack:\n  name: shop\n  region: us-east-1\n';

/** `stack.yaml:line:column` of the n-th occurrence of `needle` in the text (the expected place, found independently). */
function at(text: string, needle: string, nth = 1): string {
  let index = -1;
  for (let i = 0; i < nth; i++) index = text.indexOf(needle, index + 1);
  if (index < 0) throw new Error(`${needle} not in the text`);
  const before = text.slice(0, index).split('\n');
  return `stack.yaml:${before.length}:${(before[before.length - 1] as string).length + 1}`;
}

const ORDERS = (extra: string) => `${HEAD}anomalyDetectors:\n  - namespace: Shop\n    metric: Orders\n${extra}`;

test.each([
  [
    'an end before the start',
    ORDERS('    stat: Sum\n    excludedTimeRanges:\n      - start: 2026-11-30\n        end: 2026-11-27\n'),
    '2026-11-27',
    'error SCHEMA: excluded time range ends (2026-11-27T00:00:00Z) before it starts (2026-11-30T00:00:00Z): the end must be after the start',
  ],
  [
    'a date that is not ISO',
    ORDERS('    stat: Sum\n    excludedTimeRanges:\n      - { start: 27/11/2026, end: 2026-11-30 }\n'),
    '27/11/2026',
    'error SCHEMA: excluded time range start: "27/11/2026" is not an ISO 8601 date (2026-11-27) or date and time with a zone (2026-11-27T06:00:00Z)',
  ],
  [
    'a time without a zone',
    ORDERS('    stat: Sum\n    excludedTimeRanges:\n      - { start: 2026-11-27, end: "2026-11-30T06:00" }\n'),
    '"2026-11-30T06:00"',
    'error SCHEMA: excluded time range end: "2026-11-30T06:00" is not an ISO 8601 date (2026-11-27) or date and time with a zone (2026-11-27T06:00:00Z)',
  ],
  [
    'a day that does not exist',
    ORDERS('    stat: Sum\n    excludedTimeRanges:\n      - { start: 2026-02-30, end: 2026-03-02 }\n'),
    '2026-02-30',
    'error SCHEMA: excluded time range start: "2026-02-30" is not a date that exists',
  ],
  [
    'a misspelt time zone',
    ORDERS('    stat: Sum\n    timezone: Europe/Pari\n'),
    'Europe/Pari',
    'error SCHEMA: timezone "Europe/Pari" is not an IANA time zone (did you mean Europe/Paris?)',
  ],
  [
    'a statistic a detector does not take',
    ORDERS('    stat: Avg\n'),
    'Avg',
    'error SCHEMA: stat "Avg" is not one an anomaly detector takes: SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile (p99, p99.9) or a trimmed form (tm90, TM(10%:90%))',
  ],
])('%s is refused at its place, before any request', async (_what, text, needle, message) => {
  expect(await refusedPlan(aws, { 'stack.yaml': text })).toEqual([`${at(text, needle)}: ${message}`]);
});

test('a detector without a stat, or with a key it does not have, is refused at its place', async () => {
  const missing = ORDERS('');
  expect(await refusedPlan(aws, { 'stack.yaml': missing })).toEqual([
    `${at(missing, 'namespace')}: error SCHEMA: a detector needs stat (the metric and statistic it models), or metrics for metric math`,
  ]);
  const unknown = ORDERS('    stat: Sum\n    period: 5m\n');
  const out = await refusedPlan(aws, { 'stack.yaml': unknown });
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(new RegExp(`^${at(unknown, 'period')}: error SCHEMA: unknown key "period"`));
});

const MATH = `${HEAD}anomalyDetectors:
  - metrics:
      - id: m1
        metric: { namespace: Shop, name: Orders, stat: Sum, period: 5m }
      - id: m2
        metric: { namespace: Shop, name: Visits, stat: Sum, period: 5m }
      - id: e1
        expression: m1 / m2
`;

test.each([
  [
    'both forms at once',
    MATH.replace('  - metrics:', '  - stat: Sum\n    metrics:'),
    'Sum',
    'error SCHEMA: a detector models one metric (namespace, metric, stat) or metric math (metrics), not both: stat is set beside metrics',
  ],
  [
    'two series returned',
    MATH.replace(
      'stat: Sum, period: 5m }\n      - id: m2',
      'stat: Sum, period: 5m }\n        returnData: true\n      - id: m2',
    ),
    '- id: m1',
    'error SCHEMA: a metric-math detector models exactly one series: one query with returnData: true (it has 2)',
  ],
  [
    'a query with neither a metric nor an expression',
    MATH.replace('      - id: e1\n        expression: m1 / m2\n', '      - id: e1\n        label: ratio\n'),
    'id: e1',
    'error SCHEMA: query "e1" needs exactly one of expression or metric',
  ],
])('metric math: %s is refused at its place, before any request', async (_what, text, needle, message) => {
  const out = await refusedPlan(aws, { 'stack.yaml': text });
  expect(out).toContain(`${at(text, needle)}: ${message}`);
});

test('a metric-math detector builds its queries in the alarms’ form', async () => {
  const stack = await loadStack(stackDir({ 'stack.yaml': MATH }));
  const spec = stack.resources[0]?.spec;
  expect(spec).toMatchObject({
    kind: 'anomalyDetector',
    excludedTimeRanges: [],
    metrics: [
      {
        id: 'm1',
        returnData: false,
        metricStat: { namespace: 'Shop', metricName: 'Orders', stat: 'Sum', period: 300, dimensions: {} },
      },
      { id: 'm2', returnData: false },
      { id: 'e1', returnData: true, expression: 'm1 / m2' },
    ],
  });
});

test('${env:} is refused in a detector’s dimensions and names, and nothing is sent', async () => {
  const text = `${HEAD}anomalyDetectors:\n  - namespace: Shop\n    metric: \${env:METRIC}\n    dimensions:\n      Host: \${env:HOST}\n    stat: Sum\n`;
  const out = await refusedPlan(aws, { 'stack.yaml': text });
  expect(out.map((l) => l.split(': error ')[0])).toEqual([at(text, '${env:METRIC}'), at(text, '${env:HOST}')]);
  expect(out.every((l) => l.includes('cannot come from ${env:}'))).toBe(true);
});

test('the same detector declared twice is refused at the second', async () => {
  const one = '  - { namespace: Shop, metric: Orders, stat: Sum }\n';
  const text = `${HEAD}anomalyDetectors:\n${one}${one}`;
  const out = await refusedPlan(aws, { 'stack.yaml': text });
  expect(out).toHaveLength(1);
  expect(out[0]).toMatch(new RegExp(`^${at(text, '{ namespace', 2)}: error DUPLICATE_NAME: `));
});

const BAND_ALARM = (stat: string) => `alarms:
  - name: orders-anomaly
    metrics:
      - id: m1
        metric: { namespace: Shop, name: Orders, stat: ${stat}, period: 5m }
      - id: ad1
        expression: ANOMALY_DETECTION_BAND(m1, 2)
    thresholdMetricId: ad1
    comparison: LessThanLowerOrGreaterThanUpperThreshold
`;

test('an alarm’s band on a metric whose declared detector models another statistic is refused at the alarm', async () => {
  const text = `${ORDERS('    stat: Average\n')}${BAND_ALARM('Sum')}`;
  expect(await refusedPlan(aws, { 'stack.yaml': text })).toEqual([
    `${at(text, 'name: orders-anomaly')}: error DANGLING_REFERENCE: alarm orders-anomaly: its anomaly detection band is on Shop/Orders Sum, but the detector declared for that metric models Average; a band uses the model of its own statistic, so the declared one's settings would not apply: make the stats agree`,
  ]);
});

test('a band on a declared detector is quiet; one with no detector declared for its metric is a warning', async () => {
  const quiet = await loadStack(stackDir({ 'stack.yaml': `${ORDERS('    stat: Sum\n')}${BAND_ALARM('Sum')}` }));
  expect(quiet.warnings.filter((w) => w.message.includes('anomaly detect'))).toEqual([]);
  const text = `${HEAD}${BAND_ALARM('p90')}`;
  const loud = await loadStack(stackDir({ 'stack.yaml': text }));
  expect(loud.warnings.filter((w) => w.message.includes('anomaly detect')).map(formatDiagnostic)).toEqual([
    expect.stringMatching(
      new RegExp(
        `${at(text, 'name: orders-anomaly')}: warning DANGLING_REFERENCE: alarm orders-anomaly: no anomaly detector is declared for its band's Shop/Orders p90; AWS makes one`,
      ),
    ),
  ]);
});

test('bandsOf finds each band’s metric and statistic, and leaves bands over expressions out', () => {
  const alarm = {
    metrics: [
      {
        id: 'm1',
        returnData: true,
        metricStat: { namespace: 'N', metricName: 'M', dimensions: { A: 'b' }, period: 60, stat: 'p99' },
      },
      { id: 'e1', returnData: false, expression: 'm1 * 2' },
      { id: 'ad1', returnData: true, expression: 'ANOMALY_DETECTION_BAND(m1)' },
      { id: 'ad2', returnData: true, expression: 'ANOMALY_DETECTION_BAND( e1 , 3)' },
    ],
  } as unknown as MetricAlarmSpec;
  expect(bandsOf(alarm)).toEqual([{ namespace: 'N', metricName: 'M', dimensions: { A: 'b' }, stat: 'p99' }]);
});

test.each([
  'SampleCount',
  'Average',
  'Sum',
  'Minimum',
  'Maximum',
  'IQM',
  'p90',
  'p99.9',
  'p100',
  'tm90',
  'wm99',
  'TM(10%:90%)',
  'TM(:95%)',
  'PR(:300)',
  'TC(0.005:0.030)',
])('the statistic %s is one a detector takes', (stat) => expect(validStat(stat)).toBe(true));

test.each(['Avg', 'p', 'p999', 'TM(:)', 'average', ''])('the statistic %j is not', (stat) =>
  expect(validStat(stat)).toBe(false),
);

test('dates normalize to UTC seconds from a date, a zone offset or fractional seconds', () => {
  expect(parseRangeTime('2026-11-27')).toEqual({ iso: '2026-11-27T00:00:00Z' });
  expect(parseRangeTime('2026-11-27T06:30:00+02:00')).toEqual({ iso: '2026-11-27T04:30:00Z' });
  expect(parseRangeTime('2026-11-27T06:30:15.750Z')).toEqual({ iso: '2026-11-27T06:30:15Z' });
  expect(parseRangeTime('2024-02-29')).toEqual({ iso: '2024-02-29T00:00:00Z' });
  expect('problem' in parseRangeTime('2026-13-01')).toBe(true);
});

test('targets: a detector lives in every target unless its own targets list says, and ${target.name} fills a dimension', async () => {
  const dir = stackDir({
    'stack.yaml': `stack:
  name: shop
  targets:
    - { name: prod, account: "123456789012", regions: [eu-west-1, us-east-1] }
    - { name: staging, account: "210987654321", regions: [eu-west-1] }
anomalyDetectors:
  - namespace: Shop
    metric: Orders
    dimensions: { Env: "\${target.name}" }
    stat: Sum
  - { namespace: Shop, metric: Refunds, stat: Sum, targets: [prod] }
`,
  });
  const loaded = await loadStacks(dir);
  const detectors = (loaded.targets ?? []).map((t) =>
    t.stack.resources.flatMap((r) =>
      r.spec.kind === 'anomalyDetector' ? [`${r.spec.metricName} ${JSON.stringify(r.spec.dimensions)}`] : [],
    ),
  );
  expect(detectors).toEqual([
    ['Orders {"Env":"prod"}', 'Refunds {}'],
    ['Orders {"Env":"prod"}', 'Refunds {}'],
    ['Orders {"Env":"staging"}'],
  ]);
});
