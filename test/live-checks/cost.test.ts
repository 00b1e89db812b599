/** The monthly estimate, worked out by hand from AWS's list prices (us-east-1) for each case below. */
import { costLine, estimateCost, tiered } from '../../src/cost/estimate';
import type { Change, ResourceSpec } from '../../src/model';
import type { MetricAlarmSpec, MetricFilterSpec } from '../../src/kinds/specs';
import { alarmSpec, planOf } from '../render/fixtures';

const region = 'us-east-1';
const key = (spec: ResourceSpec, name: string): Change['key'] => ({ kind: spec.kind, region, name });
const create = (spec: ResourceSpec, name = 'x'): Change => ({ action: 'create', key: key(spec, name), after: spec });
const noop = (spec: ResourceSpec, name = 'x'): Change => ({ action: 'noop', key: key(spec, name), before: spec });
const remove = (spec: ResourceSpec, name = 'x'): Change => ({
  action: 'delete',
  key: key(spec, name),
  before: spec,
  reason: 'gone',
  seen: '',
});

const math = (expressions: string[], stats: number, period = 60): MetricAlarmSpec =>
  alarmSpec({
    metric: undefined,
    metrics: [
      ...Array.from({ length: stats }, (_, i) => ({
        id: `m${i}`,
        metricStat: { namespace: 'N', metricName: `M${i}`, dimensions: {}, period, stat: 'Sum' },
        returnData: false,
      })),
      ...expressions.map((expression, i) => ({ id: `e${i}`, expression, returnData: i === 0 })),
    ],
  });

const filter = (dims: Record<string, string>): MetricFilterSpec => ({
  kind: 'metricFilter',
  logGroupName: '/g',
  filterName: 'f',
  filterPattern: 'ERROR',
  transformation: { metricName: 'E', metricNamespace: 'N', metricValue: '1', dimensions: dims },
});

test('adding one standard-resolution alarm: +$0.10/month', () => {
  const e = estimateCost(planOf([noop(alarmSpec(), 'a'), create(alarmSpec(), 'b')]));
  expect(e.deltaUsd).toBe(0.1);
  expect(e.stackUsd).toBe(0.2);
  expect(costLine(e)).toBe('+$0.10/month; stack $0.20/month');
});

test('high resolution, metric math and anomaly bands count every metric they read', () => {
  const highRes = alarmSpec({
    metric: { namespace: 'N', metricName: 'M', dimensions: {}, period: 10, statistic: 'Sum' },
  });
  // 1 high-res metric $0.30; 3 metrics of math $0.30; band alarm 1 metric + 2 for the band: $0.30.
  const e = estimateCost(
    planOf([
      create(highRes, 'h'),
      create(math(['m0+m1+m2'], 3), 'm'),
      create(math(['ANOMALY_DETECTION_BAND(m0, 2)'], 1), 'b'),
    ]),
  );
  expect(e.lines).toEqual([
    { item: 'standardAlarmMetric', units: 6, unitsBefore: 0, usd: 0.6, usdBefore: 0 },
    { item: 'highResolutionAlarmMetric', units: 1, unitsBefore: 0, usd: 0.3, usdBefore: 0 },
  ]);
  expect(e.deltaUsd).toBe(0.9);
});

test('composites at $0.50, dashboards past the three free at $3, a deleted alarm takes its price off', () => {
  const composite: ResourceSpec = {
    kind: 'compositeAlarm',
    name: 'c',
    rule: 'ALARM(a)',
    tags: {},
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
  };
  const dashboard = (name: string): ResourceSpec => ({ kind: 'dashboard', name, body: '{}' });
  const e = estimateCost(
    planOf([
      create(composite, 'c'),
      ...['d1', 'd2', 'd3', 'd4', 'd5'].map((n) => create(dashboard(n), n)),
      remove(alarmSpec(), 'gone'),
    ]),
  );
  // $0.50 + 2 × $3.00 = $6.50 after; $0.10 before.
  expect(e.stackUsd).toBe(6.5);
  expect(e.beforeUsd).toBe(0.1);
  expect(e.deltaUsd).toBe(6.4);
  expect(e.assumptions.join('\n')).toMatch(/first 3 dashboards/);
});

test('custom metrics: a filter counts its sampled dimension values, and the tiers apply', () => {
  const f = filter({ Host: '$.host' });
  const plan = planOf([create(f, 'f')]);
  expect(estimateCost(plan).lines).toEqual([
    { item: 'customMetric', units: 1, unitsBefore: 0, usd: 0.3, usdBefore: 0 },
  ]);
  expect(estimateCost(plan).assumptions.join('\n')).toMatch(/counts as 1 metric where its values were not sampled/);
  const sampled = estimateCost(plan, new Map([['metricFilter|us-east-1||f', 40]]));
  expect(sampled.lines[0]).toMatchObject({ units: 40, usd: 12 });
  // 10,000 at $0.30 + 240,000 at $0.10 + 10,000 at $0.05.
  const tiers = [
    { upTo: 10_000, usd: 0.3 },
    { upTo: 250_000, usd: 0.1 },
    { upTo: 1_000_000, usd: 0.05 },
    { usd: 0.02 },
  ];
  expect(tiered(260_000, tiers)).toBeCloseTo(3_000 + 24_000 + 500, 6);
});

test('a region without its own price list is priced as us-east-1 and says so', () => {
  const e = estimateCost(planOf([create(alarmSpec())], { region: 'ap-south-2' }));
  expect(e.exactRegion).toBe(false);
  expect(e.assumptions).toContain('no price list for ap-south-2: priced as us-east-1');
});
