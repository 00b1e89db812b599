/** Anomaly detection alarms as the simulator sees them: the MetricStat the band expression names. */
import { anomalyAlarmAsSingleMetric } from '../../src/simulate';
import { alarm } from './builders';

const metrics = [
  {
    id: 'm1',
    returnData: false,
    metricStat: { namespace: 'App', metricName: 'Latency', dimensions: {}, period: 60, stat: 'p90' },
  },
  { id: 'ad1', returnData: true, expression: 'ANOMALY_DETECTION_BAND(m1, 2)' },
];
const anomaly = alarm({
  metric: undefined,
  metrics,
  threshold: undefined,
  thresholdMetricId: 'ad1',
  comparisonOperator: 'GreaterThanUpperThreshold',
});

test('the band expression names the metric; its stat becomes the extended statistic', () => {
  expect(anomalyAlarmAsSingleMetric(anomaly)?.metric).toEqual({
    namespace: 'App',
    metricName: 'Latency',
    dimensions: {},
    period: 60,
    statistic: undefined,
    extendedStatistic: 'p90',
    unit: undefined,
  });
});

test('not an anomaly alarm: a static operator, another expression, or no threshold metric', () => {
  expect(anomalyAlarmAsSingleMetric({ ...anomaly, comparisonOperator: 'GreaterThanThreshold' })).toBeUndefined();
  expect(
    anomalyAlarmAsSingleMetric({
      ...anomaly,
      metrics: [metrics[0] as never, { id: 'ad1', returnData: true, expression: 'm1 * 2' }],
    }),
  ).toBeUndefined();
  expect(anomalyAlarmAsSingleMetric({ ...anomaly, thresholdMetricId: undefined })).toBeUndefined();
  expect(anomalyAlarmAsSingleMetric(alarm())).toBeUndefined();
});
