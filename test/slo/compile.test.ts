/** The compiler's arithmetic and shapes, worked out by hand from the SRE workbook's policy. */
import { compileSlo } from '../../src/kinds/slo/compile';
import type { SloDefinition } from '../../src/kinds/slo/model';
import { burnThreshold, DEFAULT_POLICY, windowShape } from '../../src/kinds/slo/policy';
import { parseMath, evaluateMath } from '../../src/simulate';

const base: SloDefinition = {
  name: 'checkout',
  target: 99.9,
  window: 30 * 86400,
  sli: {
    form: 'ratio',
    bad: { form: 'metric', metric: { namespace: 'Shop', metricName: 'Errors', dimensions: {}, stat: 'Sum' } },
    total: { form: 'metric', metric: { namespace: 'Shop', metricName: 'Requests', dimensions: {}, stat: 'Sum' } },
    metrics: {},
  },
  pageActions: ['arn:aws:sns:us-east-1:000000000000:oncall'],
  ticketActions: ['arn:aws:sns:us-east-1:000000000000:tickets'],
  policy: DEFAULT_POLICY,
  tags: { 'monitors:stack': 'shop' },
};

test('the threshold is factor × (1 − target): 14.4 × 0.1% = 1.44%, 6 × 0.1% = 0.6%, 1 × 0.1% = 0.1%', () => {
  expect([burnThreshold(99.9, 14.4), burnThreshold(99.9, 6), burnThreshold(99.9, 1)]).toEqual([0.0144, 0.006, 0.001]);
  expect(burnThreshold(99.95, 2)).toBe(0.001);
  expect(burnThreshold(99, 100)).toBe(1);
});

test('windows up to a day are one period; longer ones are whole-hour slices of at most a day; over 7 days none', () => {
  expect(windowShape(300)).toEqual({ period: 300, evaluationPeriods: 1 });
  expect(windowShape(86400)).toEqual({ period: 86400, evaluationPeriods: 1 });
  expect(windowShape(3 * 86400)).toEqual({ period: 86400, evaluationPeriods: 3 });
  // 36h: two slices of 18h (each at most a day, whole hours).
  expect(windowShape(36 * 3600)).toEqual({ period: 18 * 3600, evaluationPeriods: 2 });
  expect(windowShape(7 * 86400)).toEqual({ period: 86400, evaluationPeriods: 7 });
  expect(windowShape(8 * 86400)).toMatch(/at most 7d/);
  expect(windowShape(90)).toMatch(/whole minutes/);
});

test('the default policy compiles into six window alarms and a page and a ticket composite', () => {
  const { windows, severities } = compileSlo(base);
  expect(windows.map((w) => [w.name, w.threshold, w.evaluationPeriods, w.metrics?.[0]?.metricStat?.period])).toEqual([
    ['checkout-burn-14.4x-1h', 0.0144, 1, 3600],
    ['checkout-burn-14.4x-5m', 0.0144, 1, 300],
    ['checkout-burn-6x-6h', 0.006, 1, 21600],
    ['checkout-burn-6x-30m', 0.006, 1, 1800],
    ['checkout-burn-1x-3d', 0.001, 3, 86400],
    ['checkout-burn-1x-6h', 0.001, 1, 21600],
  ]);
  expect(
    windows.every((w) => w.alarmActions.length === 0 && w.comparisonOperator === 'GreaterThanOrEqualToThreshold'),
  ).toBe(true);
  expect(windows.find((w) => w.name === 'checkout-burn-1x-3d')?.treatMissingData).toBe('breaching');
  expect(windows.find((w) => w.name === 'checkout-burn-1x-6h')?.treatMissingData).toBe('notBreaching');
  expect(severities.map((s) => [s.name, s.rule, s.alarmActions])).toEqual([
    [
      'checkout-page',
      '(ALARM("checkout-burn-14.4x-1h") AND ALARM("checkout-burn-14.4x-5m")) OR (ALARM("checkout-burn-6x-6h") AND ALARM("checkout-burn-6x-30m"))',
      ['arn:aws:sns:us-east-1:000000000000:oncall'],
    ],
    [
      'checkout-ticket',
      'ALARM("checkout-burn-1x-3d") AND ALARM("checkout-burn-1x-6h")',
      ['arn:aws:sns:us-east-1:000000000000:tickets'],
    ],
  ]);
  expect(severities.some((s) => s.actionsSuppressor)).toBe(false);
});

test('each side of the ratio becomes its error-rate expression, which computes what the SLI means', () => {
  const rate = (sli: SloDefinition['sli'], values: Record<string, number | undefined>) => {
    const q = compileSlo({ ...base, sli }).windows[0]?.metrics ?? [];
    const v = new Map<string, number | undefined>(Object.entries(values));
    for (const e of q.filter((x) => x.expression)) v.set(e.id, evaluateMath(parseMath(e.expression as string), v));
    return v.get('rate');
  };
  const m = (metricName: string) => ({
    form: 'metric' as const,
    metric: { namespace: 'Shop', metricName, dimensions: {}, stat: 'Sum' },
  });
  // 3 bad of 1000: 0.3%; no bad datapoint with requests: 0; no requests: missing.
  expect(rate({ form: 'ratio', bad: m('E'), total: m('R'), metrics: {} }, { bad: 3, total: 1000 })).toBe(0.003);
  expect(rate({ form: 'ratio', bad: m('E'), total: m('R'), metrics: {} }, { total: 1000 })).toBe(0);
  expect(rate({ form: 'ratio', bad: m('E'), total: m('R'), metrics: {} }, { bad: 3 })).toBeUndefined();
  expect(rate({ form: 'ratio', good: m('G'), total: m('R'), metrics: {} }, { good: 990, total: 1000 })).toBe(0.01);
  expect(rate({ form: 'ratio', good: m('G'), bad: m('E'), metrics: {} }, { good: 99, bad: 1 })).toBe(0.01);
  expect(
    rate(
      {
        form: 'latency',
        metric: { namespace: 'AWS/ELB', metricName: 'Latency', dimensions: {}, stat: 'PR(:0.3)' },
        threshold: 0.3,
      },
      { latency: 99.5 },
    ),
  ).toBeCloseTo(0.005, 12);
});

test('a latency SLI reads PR(:threshold); expression sides keep their metrics by id', () => {
  const latency = compileSlo({
    ...base,
    sli: {
      form: 'latency',
      metric: { namespace: 'AWS/ELB', metricName: 'Latency', dimensions: {}, stat: 'PR(:0.3)' },
      threshold: 0.3,
    },
  }).windows[0];
  expect(latency?.metrics?.map((q) => q.metricStat?.stat ?? q.expression)).toEqual([
    'PR(:0.3)',
    '(100 - latency) / 100',
  ]);
  const math = compileSlo({
    ...base,
    sli: {
      form: 'ratio',
      bad: { form: 'expression', expression: 'e4 + e5' },
      total: base.sli.form === 'ratio' ? (base.sli.total as never) : (undefined as never),
      metrics: {
        e5: { namespace: 'AWS/ELB', metricName: 'HTTPCode_Target_5XX_Count', dimensions: {}, stat: 'Sum' },
        e4: { namespace: 'AWS/ELB', metricName: 'HTTPCode_Target_4XX_Count', dimensions: {}, stat: 'Sum' },
      },
    },
  }).windows[0];
  expect(math?.metrics?.map((q) => [q.id, q.metricStat?.metricName ?? q.expression])).toEqual([
    ['e4', 'HTTPCode_Target_4XX_Count'],
    ['e5', 'HTTPCode_Target_5XX_Count'],
    ['bad', 'e4 + e5'],
    ['total', 'Requests'],
    ['rate', 'FILL(bad, 0) / total'],
  ]);
});

test('a dependency alarm suppresses the page only, as an ActionsSuppressor', () => {
  const { severities } = compileSlo({ ...base, suppressPageWhile: 'db-down' });
  expect(severities.map((s) => [s.name, s.actionsSuppressor])).toEqual([
    ['checkout-page', { alarm: 'db-down', waitPeriod: 120, extensionPeriod: 300 }],
    ['checkout-ticket', undefined],
  ]);
});

test('a custom policy: one ticket alert only compiles into two windows and one composite', () => {
  const { windows, severities } = compileSlo({
    ...base,
    policy: [{ severity: 'ticket', factor: 2, long: 86400, short: 7200 }],
  });
  expect(windows.map((w) => w.name)).toEqual(['checkout-burn-2x-1d', 'checkout-burn-2x-2h']);
  expect(severities.map((s) => s.rule)).toEqual(['ALARM("checkout-burn-2x-1d") AND ALARM("checkout-burn-2x-2h")']);
});
