import type { MetricRead } from '../live-types';
import type { MetricQuery } from '../specs';

/**
 * The metrics metric-math queries read (each query with a metricStat), for the live checks: what an
 * alarm's `metrics:` and an anomaly detector's metric-math model read alike.
 */
export function queryReads(metrics: readonly MetricQuery[]): MetricRead[] {
  return metrics.flatMap((q, i) =>
    q.metricStat
      ? [
          {
            namespace: q.metricStat.namespace,
            metricName: q.metricStat.metricName,
            dimensions: q.metricStat.dimensions,
            period: q.metricStat.period,
            stat: q.metricStat.stat,
            ...(q.metricStat.unit !== undefined ? { unit: q.metricStat.unit } : {}),
            path: `metrics.${i}.metricStat`,
          },
        ]
      : [],
  );
}
