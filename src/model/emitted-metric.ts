import type { FilterSpec } from './resources';

/** What a metric filter emits, as one comparable string. */
export function emittedMetric(f: FilterSpec): string {
  const t = f.transformation;
  const dims = Object.keys(t.dimensions)
    .sort()
    .map((k) => `${k}=${t.dimensions[k] ?? ''}`)
    .join(',');
  return `${f.logGroupName}\n${t.metricNamespace}\n${t.metricName}\n${dims}`;
}

/** "Shop/Errors" or "Shop/Errors{Host=$.host}": the metric, as people write it. */
export function metricLabel(f: FilterSpec): string {
  const t = f.transformation;
  const dims = Object.entries(t.dimensions).map(([k, v]) => `${k}=${v}`);
  return `${t.metricNamespace}/${t.metricName}${dims.length > 0 ? `{${dims.join(',')}}` : ''}`;
}
