import type { CompositeAlarmSpec, MetricAlarmSpec } from '../../src/kinds/specs';
/** Small builders for simulator tests: an alarm with overrides, datapoints at minute offsets. */

export const T0 = Date.parse('2024-01-01T00:00:00Z');
export const MIN = 60_000;
export const TOPIC = 'arn:aws:sns:us-east-1:000000000000:oncall';

export function alarm(overrides: Partial<MetricAlarmSpec> = {}): MetricAlarmSpec {
  return {
    kind: 'metricAlarm',
    name: 'errors',
    metric: { namespace: 'App', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
    threshold: 2,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: [TOPIC],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
    ...overrides,
  };
}

export function composite(rule: string, overrides: Partial<CompositeAlarmSpec> = {}): CompositeAlarmSpec {
  return {
    kind: 'compositeAlarm',
    name: 'both',
    rule,
    actionsEnabled: true,
    alarmActions: [TOPIC],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
    ...overrides,
  };
}

/** One datapoint per value, one minute apart from T0 (+ offset seconds). */
export function perMinute(values: readonly number[], offsetSeconds = 0) {
  return values.map((value, i) => ({ timestamp: T0 + i * MIN + offsetSeconds * 1000, value }));
}
