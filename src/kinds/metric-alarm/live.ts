import type { MetricAlarmSpec } from '../specs';
import { stateActions } from '../shared/alarm-live';
import type { Billable, KindLive, MetricRead } from '../live-types';

/** "An anomaly detection alarm is billed as three metrics: the metric and the band's two bounds." */
const BAND_EXTRA_METRICS = 2;
/** Periods under a minute make a high-resolution alarm, billed at its own rate. */
const HIGH_RESOLUTION_BELOW = 60;

function reads(spec: MetricAlarmSpec): readonly MetricRead[] {
  const m = spec.metric;
  if (m) {
    return [
      {
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        period: m.period,
        stat: m.statistic ?? m.extendedStatistic ?? 'Average',
        unit: m.unit,
        path: 'metric',
      },
    ];
  }
  return (spec.metrics ?? []).flatMap((q, i) =>
    q.metricStat
      ? [
          {
            namespace: q.metricStat.namespace,
            metricName: q.metricStat.metricName,
            dimensions: q.metricStat.dimensions,
            period: q.metricStat.period,
            stat: q.metricStat.stat,
            unit: q.metricStat.unit,
            path: `metrics.${i}.metricStat`,
          },
        ]
      : [],
  );
}

function bills(spec: MetricAlarmSpec): readonly Billable[] {
  const rs = reads(spec);
  const bands = (spec.metrics ?? []).filter((q) => /ANOMALY_DETECTION_BAND/i.test(q.expression ?? '')).length;
  const insights = (spec.metrics ?? []).some((q) => /^\s*SELECT\b/i.test(q.expression ?? ''));
  const highRes = rs.some((r) => r.period < HIGH_RESOLUTION_BELOW);
  const count = Math.max(1, rs.length) + bands * BAND_EXTRA_METRICS;
  return [
    {
      item: highRes ? 'highResolutionAlarmMetric' : 'standardAlarmMetric',
      count,
      ...(insights ? { assumption: 'a Metrics Insights query is billed per metric it analyzes: counted as 1' } : {}),
    },
  ];
}

/** Metric alarms read metrics (each MetricStat of metric math too) and are billed per metric they read. */
export const metricAlarmLive: KindLive<MetricAlarmSpec> = {
  reads,
  threshold: (spec) =>
    spec.threshold === undefined ? undefined : { threshold: spec.threshold, comparison: spec.comparisonOperator },
  bills,
  actions: stateActions,
};
