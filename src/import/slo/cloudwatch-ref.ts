import type { RawSloMetric } from '../../kinds/slo/raw';

/** Why a metric cannot be written, or the metric as `slos:` writes it. */
export type MetricResult = { readonly metric: RawSloMetric } | { readonly refused: string };

const STATS = ['Sum', 'SampleCount'];

/** A metric from its parts, in the shortest form `slos:` reads back. */
export function sloMetric(
  namespace: string,
  metricName: string,
  dimensions: Readonly<Record<string, string>>,
  stat: string | undefined,
): MetricResult {
  if (stat !== undefined && !STATS.includes(stat))
    return {
      refused: `its statistic ${stat} does not count events (an SLI's good, bad and total are Sum or SampleCount)`,
    };
  const metric = `${namespace}/${metricName}`;
  const plain = Object.keys(dimensions).length === 0 && (stat === undefined || stat === 'Sum');
  if (plain) return { metric };
  return {
    metric: {
      metric,
      ...(Object.keys(dimensions).length > 0 ? { dimensions: { ...dimensions } } : {}),
      ...(stat !== undefined && stat !== 'Sum' ? { stat: stat as 'SampleCount' } : {}),
    },
  };
}

/**
 * A query written as a CloudWatch metric, `Namespace/Name` or `Namespace/Name{Dim="value",...}` (what a
 * Sloth spec holds when its queries are CloudWatch metrics); anything else, PromQL included, is refused.
 */
export function parseMetricQuery(query: string): MetricResult {
  const m = /^\s*([A-Za-z0-9_./#:-]+)\/([A-Za-z0-9_.#:-]+)\s*(?:\{([^{}]*)\})?\s*$/.exec(query);
  if (!m)
    return {
      refused: `its query ${JSON.stringify(query.length > 80 ? `${query.slice(0, 77)}...` : query)} is not a CloudWatch metric (write Namespace/Name or Namespace/Name{Dimension="value"}; PromQL does not map)`,
    };
  const dimensions: Record<string, string> = {};
  for (const part of (m[3] ?? '').split(',').filter((p) => p.trim() !== '')) {
    const d = /^\s*([A-Za-z0-9_.:-]+)\s*=\s*"([^"]*)"\s*$/.exec(part);
    if (!d) return { refused: `its query's dimension ${JSON.stringify(part.trim())} is not Name="value"` };
    dimensions[d[1] as string] = d[2] as string;
  }
  return sloMetric(m[1] as string, m[2] as string, dimensions, undefined);
}
