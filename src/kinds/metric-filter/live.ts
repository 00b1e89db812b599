import type { MetricFilterSpec } from '../specs';
import type { KindLive } from '../live-types';

/** A metric filter emits one custom metric per distinct combination of its dimensions' values. */
export const metricFilterLive: KindLive<MetricFilterSpec> = {
  emits: (spec) => [
    {
      namespace: spec.transformation.metricNamespace,
      metricName: spec.transformation.metricName,
      dimensionNames: Object.keys(spec.transformation.dimensions).sort(),
    },
  ],
  sample: (spec) => spec,
  bills: (spec) =>
    Object.keys(spec.transformation.dimensions).length === 0
      ? [{ item: 'customMetric', count: 1 }]
      : [{ item: 'customMetric', count: 1, perDimensionValue: true }],
};
