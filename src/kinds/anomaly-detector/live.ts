import type { KindLive, MetricRead } from '../live-types';
import type { AnomalyDetectorSpec } from './spec';

/** A detector has no period of its own (an alarm's band sets one); five minutes is the console's. */
const PERIOD = 300;

/**
 * A model trains on its metrics: the live checks read them (a model on a metric with no data never
 * trains). The model itself is not billed; an alarm on its band is, as three metrics (the metric
 * alarm's share, metric-alarm/live.ts).
 */
export const anomalyDetectorLive: KindLive<AnomalyDetectorSpec> = {
  reads: (spec): MetricRead[] =>
    spec.metrics === undefined
      ? [
          {
            namespace: spec.namespace,
            metricName: spec.metricName,
            dimensions: spec.dimensions,
            period: PERIOD,
            stat: spec.stat,
            path: 'metricName',
          },
        ]
      : spec.metrics.flatMap((q, i) =>
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
        ),
  bills: () => [],
};
