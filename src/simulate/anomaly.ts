/**
 * Anomaly detection alarms: PutMetricAlarm with Metrics[] holding one MetricStat (e.g. m1) and the
 * expression `ANOMALY_DETECTION_BAND(m1[, width])` named by ThresholdMetricId, compared with one of the
 * three band operators (PutMetricAlarm API reference; "Using CloudWatch anomaly detection"). The band is
 * a model CloudWatch trains on the metric's history, which no offline tool has: the caller gives the
 * band's edges per period, and the alarm is simulated as a single-metric alarm against them.
 */
import { isBandOperator } from './compare';
import type { MetricAlarmSpec } from '../kinds/specs';

/** The single-metric form of an anomaly detection alarm, or undefined when it is not one. */
export function anomalyAlarmAsSingleMetric(alarm: MetricAlarmSpec): MetricAlarmSpec | undefined {
  if (alarm.metric || !alarm.metrics || !alarm.thresholdMetricId || !isBandOperator(alarm.comparisonOperator))
    return undefined;
  const band = alarm.metrics.find((q) => q.id === alarm.thresholdMetricId);
  const ref = /^\s*ANOMALY_DETECTION_BAND\s*\(\s*([A-Za-z0-9_]+)\s*(?:,[^)]*)?\)\s*$/.exec(band?.expression ?? '');
  const stat = alarm.metrics.find((q) => q.id === ref?.[1])?.metricStat;
  if (!stat) return undefined;
  const basic = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat.stat);
  return {
    ...alarm,
    metrics: undefined,
    metric: {
      namespace: stat.namespace,
      metricName: stat.metricName,
      dimensions: stat.dimensions,
      period: stat.period,
      statistic: basic ? stat.stat : undefined,
      extendedStatistic: basic ? undefined : stat.stat,
      unit: stat.unit,
    },
  };
}
