/**
 * How an anomaly detector is named and owned. A detector has no name and cannot be tagged: it is
 * identified by its metric (namespace, name, dimensions) and statistic, and the stack that made it
 * keeps one SSM parameter per detector under a root shared by every stack,
 * `/monitors/_anomaly-detectors/<stack>/<mark>`, the mark a hash of that identity. One paged read of
 * the root tells a plan which stack claims which detector; a detector no record claims (made by hand,
 * or by AWS for an alarm's band) is never changed or deleted unless the files declare it (adopt).
 */
import { createHash } from 'crypto';
import type { MetricMathDetectorSpec } from './spec';

/** The root of every stack's records (the underscore keeps it apart from stacks' own /monitors/<stack>/ paths). */
export const DETECTOR_RECORD_ROOT = '/monitors/_anomaly-detectors';

/** A single-metric detector's metric and statistic: what AWS identifies it by. */
export interface DetectorIdentity {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly metrics?: undefined;
}

/** What names a detector: a single metric and statistic, or a metric-math detector's queries. */
export type DetectorRef = DetectorIdentity | Pick<MetricMathDetectorSpec, 'metrics'>;

const sortedPairs = (r: Readonly<Record<string, string>>) =>
  Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));

function metricText(m: { namespace: string; metricName: string; dimensions: Readonly<Record<string, string>> }) {
  const dims = sortedPairs(m.dimensions).map(([k, v]) => `${k}=${v}`);
  return `${m.namespace}/${m.metricName}${dims.length > 0 ? ` (${dims.join(', ')})` : ''}`;
}

/**
 * The detector as people read it: `TeachMe/Latency (Service=api) p90`, or for metric math each query
 * in order, `metric math e1=m1/m2; m1=Shop/Orders Sum 300s; …` (its queries are its identity).
 */
export function detectorName(d: DetectorRef): string {
  if (d.metrics === undefined) return `${metricText(d)} ${d.stat}`;
  const parts = d.metrics.map((q) => {
    const what = q.metricStat
      ? `${metricText(q.metricStat)} ${q.metricStat.stat} ${q.metricStat.period}s`
      : (q.expression ?? '');
    return `${q.id}=${what}${q.returnData ? '' : ' (hidden)'}`;
  });
  return `metric math ${parts.join('; ')}`;
}

/** The mark of a detector: 16 hex digits of a SHA-256 of its identity (names can be 255 characters each). */
export function detectorMark(d: DetectorRef): string {
  const text =
    d.metrics === undefined
      ? [d.namespace, d.metricName, d.stat, ...sortedPairs(d.dimensions).map(([k, v]) => `${k}\u0001${v}`)].join(
          '\u0000',
        )
      : `math\u0000${JSON.stringify(
          d.metrics.map((q) => [
            q.id,
            q.expression ?? null,
            q.label ?? null,
            q.returnData,
            q.period ?? null,
            q.accountId ?? null,
            q.metricStat
              ? [
                  q.metricStat.namespace,
                  q.metricStat.metricName,
                  sortedPairs(q.metricStat.dimensions),
                  q.metricStat.period,
                  q.metricStat.stat,
                  q.metricStat.unit ?? null,
                ]
              : null,
          ]),
        )}`;
  return createHash('sha256').update(text).digest('hex').slice(0, 16);
}

/** The path under which a stack's records live. */
export function detectorRecordPath(stack: string): string {
  return `${DETECTOR_RECORD_ROOT}/${stack}`;
}

/** The record parameter of one detector of a stack. */
export function detectorRecordName(stack: string, d: DetectorRef): string {
  return `${detectorRecordPath(stack)}/${detectorMark(d)}`;
}

/** The stack and mark a record parameter's name says; undefined for anything else under the root. */
export function parseRecordName(name: string): { readonly stack: string; readonly mark: string } | undefined {
  const m = /^\/monitors\/_anomaly-detectors\/([a-z][a-z0-9-]{0,62})\/([0-9a-f]{16})$/.exec(name);
  return m ? { stack: m[1] as string, mark: m[2] as string } : undefined;
}
