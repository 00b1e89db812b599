/** One metric alarm over time: periods, evaluations, transitions and actions. */
import { simulateMetricAlarm, stateAt, type AlarmTimeline } from '../../src/simulate';
import { MIN, T0, TOPIC, alarm, perMinute } from './builders';

const states = (t: AlarmTimeline) => t.evaluations.map((e) => e.state);
const window = (minutes: number) => ({ from: T0, to: T0 + minutes * MIN });

test('the documented figure: threshold 3, 3 of 3; ALARM in periods 3-5, OK at 6, one breach at 9 stays OK', () => {
  // "Evaluating an alarm", Using Amazon CloudWatch alarms.
  const a = alarm({
    threshold: 3,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 3,
    datapointsToAlarm: 3,
  });
  const t = simulateMetricAlarm(a, perMinute([1, 2, 4, 4, 4, 2, 1, 1, 4]), window(9));
  expect(states(t)).toEqual(['OK', 'OK', 'OK', 'OK', 'ALARM', 'OK', 'OK', 'OK', 'OK']);
});

test('each period is evaluated at its end; the state holds until the next evaluation', () => {
  const t = simulateMetricAlarm(alarm(), [{ timestamp: T0 + 10_000, value: 2 }], window(3));
  expect(stateAt(t, T0 + MIN - 1)).toBe('INSUFFICIENT_DATA');
  expect(stateAt(t, T0 + MIN)).toBe('ALARM');
  expect(t.periods[0]).toEqual({ start: T0, value: 2, sampleCount: 1 });
});

test('periods align to the clock: 59s and 61s are in different minutes, 4m59s and 5m in different 5-minute periods', () => {
  const minute = simulateMetricAlarm(
    alarm(),
    [
      { timestamp: T0 + 59_000, value: 1 },
      { timestamp: T0 + 61_000, value: 1 },
    ],
    window(2),
  );
  expect(minute.periods.map((p) => p.value)).toEqual([1, 1]);
  const five = alarm({
    metric: { namespace: 'App', metricName: 'Errors', dimensions: {}, period: 300, statistic: 'Sum' },
  });
  // A window that starts mid-period still evaluates the clock-aligned periods.
  const t = simulateMetricAlarm(
    five,
    [
      { timestamp: T0 + 299_000, value: 1 },
      { timestamp: T0 + 300_000, value: 1 },
    ],
    { from: T0 + 2 * MIN, to: T0 + 10 * MIN },
  );
  expect(t.periods.map((p) => [p.start - T0, p.value])).toEqual([
    [0, 1],
    [300_000, 1],
  ]);
  expect(t.evaluations.map((e) => e.at - T0)).toEqual([300_000, 600_000]);
});

test('actions fire on transitions only: INSUFFICIENT_DATA→OK runs okActions, OK→ALARM alarmActions, staying in ALARM nothing', () => {
  const ok = 'arn:aws:sns:us-east-1:000000000000:ok';
  const t = simulateMetricAlarm(alarm({ okActions: [ok] }), perMinute([1, 2, 3, 0]), window(4));
  expect(t.transitions.map((x) => [x.at - T0, x.from, x.to, x.actions])).toEqual([
    [1 * MIN, 'INSUFFICIENT_DATA', 'OK', [ok]],
    [2 * MIN, 'OK', 'ALARM', [TOPIC]],
    [4 * MIN, 'ALARM', 'OK', [ok]],
  ]);
});

test('actionsEnabled: false changes state but invokes nothing', () => {
  const t = simulateMetricAlarm(alarm({ actionsEnabled: false }), perMinute([5]), window(1));
  expect(t.transitions).toEqual([expect.objectContaining({ to: 'ALARM', actions: [] })]);
});

test('every static comparison operator, at and around the threshold', () => {
  const verdicts = (op: Parameters<typeof alarm>[0]) =>
    states(simulateMetricAlarm(alarm(op), perMinute([1, 2, 3]), window(3)));
  expect(verdicts({ comparisonOperator: 'GreaterThanOrEqualToThreshold' })).toEqual(['OK', 'ALARM', 'ALARM']);
  expect(verdicts({ comparisonOperator: 'GreaterThanThreshold' })).toEqual(['OK', 'OK', 'ALARM']);
  expect(verdicts({ comparisonOperator: 'LessThanThreshold' })).toEqual(['ALARM', 'OK', 'OK']);
  expect(verdicts({ comparisonOperator: 'LessThanOrEqualToThreshold' })).toEqual(['ALARM', 'ALARM', 'OK']);
});

test('anomaly band operators compare with the band of each period; a period without band is missing', () => {
  const band = (start: number) => (start < T0 + 3 * MIN ? { lower: 10, upper: 20 } : undefined);
  const run = (
    op: 'LessThanLowerOrGreaterThanUpperThreshold' | 'LessThanLowerThreshold' | 'GreaterThanUpperThreshold',
  ) =>
    states(
      simulateMetricAlarm(
        alarm({ comparisonOperator: op, threshold: undefined }),
        perMinute([5, 15, 25, 15]),
        window(4),
        band,
      ),
    );
  expect(run('LessThanLowerOrGreaterThanUpperThreshold')).toEqual(['ALARM', 'OK', 'ALARM', 'ALARM']);
  expect(run('LessThanLowerThreshold')).toEqual(['ALARM', 'OK', 'OK', 'OK']);
  expect(run('GreaterThanUpperThreshold')).toEqual(['OK', 'OK', 'ALARM', 'ALARM']);
});

test('treat missing data as breaching: a quiet stretch goes to ALARM once no real datapoint is left in the range', () => {
  const t = simulateMetricAlarm(alarm({ treatMissingData: 'breaching' }), perMinute([0]), window(5));
  // Range of 3 (N + 2): the 0 at minute 0 is evaluated at 1m, 2m, 3m; from 4m the range is empty.
  expect(states(t)).toEqual(['OK', 'OK', 'OK', 'ALARM', 'ALARM']);
});

test('treat missing data as missing: after the range empties the alarm goes to INSUFFICIENT_DATA', () => {
  const t = simulateMetricAlarm(alarm(), perMinute([5]), window(5));
  expect(states(t)).toEqual(['ALARM', 'ALARM', 'ALARM', 'INSUFFICIENT_DATA', 'INSUFFICIENT_DATA']);
});

test('percentile with EvaluateLowSampleCountPercentile=ignore: a period with too few samples counts as missing', () => {
  const metric = { namespace: 'App', metricName: 'Latency', dimensions: {}, period: 60, extendedStatistic: 'p90' };
  const few = perMinute([500]);
  const evaluate = simulateMetricAlarm(alarm({ metric, threshold: 100 }), few, window(1));
  const ignore = simulateMetricAlarm(
    alarm({ metric, threshold: 100, evaluateLowSampleCountPercentile: 'ignore' }),
    few,
    window(1),
  );
  expect([states(evaluate), states(ignore)]).toEqual([['ALARM'], ['INSUFFICIENT_DATA']]);
  // 100 samples is enough for p90 (10 / (1 - 0.9)).
  const many = Array.from({ length: 100 }, (_, i) => ({ timestamp: T0 + i, value: 500 }));
  expect(
    states(
      simulateMetricAlarm(
        alarm({ metric, threshold: 100, evaluateLowSampleCountPercentile: 'ignore' }),
        many,
        window(1),
      ),
    ),
  ).toEqual(['ALARM']);
});

test('an extended statistic decides the period value', () => {
  const metric = { namespace: 'App', metricName: 'Latency', dimensions: {}, period: 60, extendedStatistic: 'p50' };
  const points = [1, 2, 3, 100].map((value, i) => ({ timestamp: T0 + i * 1000, value }));
  const t = simulateMetricAlarm(
    alarm({ metric, threshold: 50, comparisonOperator: 'GreaterThanThreshold' }),
    points,
    window(1),
  );
  expect([t.periods[0]?.value, states(t)]).toEqual([2, ['OK']]);
});

test('a metric math alarm is refused with a clear message', () => {
  expect(() => simulateMetricAlarm(alarm({ metric: undefined, metrics: [] }), [], window(1))).toThrow(
    'alarm errors uses metric math; the simulator evaluates single-metric alarms',
  );
});
