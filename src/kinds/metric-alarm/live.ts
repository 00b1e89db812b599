import type { MetricAlarmSpec } from '../specs';
import { stateActions } from '../shared/alarm-live';
import { queryReads } from '../shared/query-reads';
import type { Billable, KindLive, MetricRead } from '../live-types';
import { isInsightsExpression } from './metrics-insights/syntax';

/** "An anomaly detection alarm is billed as three metrics: the metric and the band's two bounds." */
const BAND_EXTRA_METRICS = 2;
/**
 * AWS bills a Metrics Insights alarm per metric its query analyzes (up to 10,000), a number only
 * AWS knows when the query runs; nor is its rate in our price list. So it is counted as one standard
 * alarm metric, and the estimate says that this is a floor.
 */
const INSIGHTS_ASSUMPTION =
  'a Metrics Insights alarm is billed per metric its query analyzes, which is known only when AWS runs it: counted as 1 metric at the standard alarm rate, a floor (the rate per analyzed metric is not in our price list)';
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
  return queryReads(spec.metrics ?? []);
}

function bills(spec: MetricAlarmSpec): readonly Billable[] {
  const rs = reads(spec);
  const bands = (spec.metrics ?? []).filter((q) => /ANOMALY_DETECTION_BAND/i.test(q.expression ?? '')).length;
  const insights = (spec.metrics ?? []).some((q) => isInsightsExpression(q.expression));
  const highRes = rs.some((r) => r.period < HIGH_RESOLUTION_BELOW);
  const count = Math.max(1, rs.length) + bands * BAND_EXTRA_METRICS;
  return [
    {
      item: highRes ? 'highResolutionAlarmMetric' : 'standardAlarmMetric',
      count,
      ...(insights ? { assumption: INSIGHTS_ASSUMPTION } : {}),
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
