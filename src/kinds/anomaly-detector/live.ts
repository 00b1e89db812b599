import type { KindLive } from '../live-types';
import type { AnomalyDetectorSpec } from './spec';

/**
 * A model trains on its metric: the live checks read that metric (a model on a metric with no data
 * never trains). The model itself is not billed; an alarm on its band is, as three metrics (the
 * metric alarm's share, metric-alarm/live.ts).
 */
export const anomalyDetectorLive: KindLive<AnomalyDetectorSpec> = {
  reads: (spec) => [
    {
      namespace: spec.namespace,
      metricName: spec.metricName,
      dimensions: spec.dimensions,
      // A detector has no period of its own (an alarm's band sets one); five minutes is the console's.
      period: 300,
      stat: spec.stat,
      path: 'metricName',
    },
  ],
  bills: () => [],
};
