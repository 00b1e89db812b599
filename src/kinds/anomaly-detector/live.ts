import type { KindLive, MetricRead } from '../live-types';
import { queryReads } from '../shared/query-reads';
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
      : queryReads(spec.metrics),
  bills: () => [],
};
