/**
 * How an anomaly detector is named and owned. A detector has no name and cannot be tagged: it is
 * identified by its metric (namespace, name, dimensions) and statistic, and the stack that made it
 * keeps one SSM parameter per detector under a root shared by every stack,
 * `/monitors/_anomaly-detectors/<stack>/<mark>`, the mark a hash of that identity. One paged read of
 * the root tells a plan which stack claims which detector; a detector no record claims (made by hand,
 * or by AWS for an alarm's band) is never changed or deleted unless the files declare it (adopt).
 */
import { createHash } from 'crypto';
import type { AnomalyDetectorSpec } from './spec';

/** The root of every stack's records (the underscore keeps it apart from stacks' own /monitors/<stack>/ paths). */
export const DETECTOR_RECORD_ROOT = '/monitors/_anomaly-detectors';

/** A detector's metric and statistic: what AWS identifies it by. */
export type DetectorIdentity = Pick<AnomalyDetectorSpec, 'namespace' | 'metricName' | 'dimensions' | 'stat'>;

/** The detector as people read it: `TeachMe/Latency (Service=api) p90`. */
export function detectorName(d: DetectorIdentity): string {
  const dims = Object.entries(d.dimensions)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => `${k}=${v}`);
  return `${d.namespace}/${d.metricName}${dims.length > 0 ? ` (${dims.join(', ')})` : ''} ${d.stat}`;
}

/** The mark of a detector: 16 hex digits of a SHA-256 of its identity (names can be 255 characters each). */
export function detectorMark(d: DetectorIdentity): string {
  const dims = Object.keys(d.dimensions)
    .sort()
    .map((k) => `${k}\u0001${d.dimensions[k] ?? ''}`);
  return createHash('sha256')
    .update([d.namespace, d.metricName, d.stat, ...dims].join('\u0000'))
    .digest('hex')
    .slice(0, 16);
}

/** The path under which a stack's records live. */
export function detectorRecordPath(stack: string): string {
  return `${DETECTOR_RECORD_ROOT}/${stack}`;
}

/** The record parameter of one detector of a stack. */
export function detectorRecordName(stack: string, d: DetectorIdentity): string {
  return `${detectorRecordPath(stack)}/${detectorMark(d)}`;
}

/** The stack and mark a record parameter's name says; undefined for anything else under the root. */
export function parseRecordName(name: string): { readonly stack: string; readonly mark: string } | undefined {
  const m = /^\/monitors\/_anomaly-detectors\/([a-z][a-z0-9-]{0,62})\/([0-9a-f]{16})$/.exec(name);
  return m ? { stack: m[1] as string, mark: m[2] as string } : undefined;
}
