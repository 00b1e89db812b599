/**
 * Sensitivity is a property of a field, as in Terraform's before/after_sensitive: a list of dotted
 * spec paths ("endpoint", "tags.token", "metric.dimensions.Url"). A path covers itself, everything
 * under it, and the record it sits in when that record appears or disappears as a whole.
 */
export type SensitivePaths = readonly string[];

/** What every output prints in place of a sensitive value's bytes. */
export const SENSITIVE = '(sensitive)';

/** True when `path` is, is under, or contains one of the sensitive paths. */
export function isSensitivePath(paths: SensitivePaths, path: string): boolean {
  return paths.some((p) => p === '*' || path === p || path.startsWith(`${p}.`) || p.startsWith(`${path}.`));
}

/** Sorted union without duplicates. */
export function unionPaths(...lists: readonly (SensitivePaths | undefined)[]): string[] {
  return [...new Set(lists.flatMap((l) => l ?? []))].sort();
}

/**
 * The tag that records a resource's sensitive paths in AWS itself, as Terraform records them in its
 * state: when the file stops saying where a value came from (the resource deleted, the `${env:}`
 * removed), the live resource still says its old value was a secret.
 */
export const SENSITIVE_TAG = 'monitors:sensitive';
// What AWS accepts in a tag value (all three services), and its length limit.
const TAG_VALUE = /^[A-Za-z0-9_.:/=+\-@]+$/;
const TAG_LIMIT = 256;
const ALL = 'all';

/** The tag value for a list of paths: space-separated; a path AWS would refuse is cut to its top field. */
export function encodeSensitiveTag(paths: SensitivePaths): string {
  const safe = [...new Set(paths.map((p) => (p === '*' ? ALL : TAG_VALUE.test(p) ? p : (p.split('.')[0] ?? ALL))))];
  const value = safe.includes(ALL) ? ALL : safe.sort().join(' ');
  return value.length <= TAG_LIMIT && TAG_VALUE.test(value.replace(/ /g, '')) ? value : ALL;
}

/** The paths a tag value records ('all' is every field). */
export function decodeSensitiveTag(value: string | undefined): string[] {
  if (value === undefined || value.trim() === '') return [];
  return value
    .split(' ')
    .filter((p) => p !== '')
    .map((p) => (p === ALL ? '*' : p));
}

const HOST = /^[a-z0-9.-]{1,253}$/;

/**
 * The mask of one value, computed from the value only to keep what a reviewer may see: a URL's
 * scheme and host, never its path, query, user or port. Anything else is the bare marker.
 */
export function maskValue(value: unknown): string {
  if (typeof value !== 'string') return SENSITIVE;
  const scheme = /^(https?):\/\//i.exec(value);
  if (!scheme) return SENSITIVE;
  try {
    const host = new URL(value).hostname.toLowerCase();
    if (HOST.test(host)) return `${(scheme[1] ?? '').toLowerCase()}://${host}/…${SENSITIVE}`;
  } catch {
    // Not a URL after all: the bare marker.
  }
  return SENSITIVE;
}

/** A copy of `value` (a spec or a part of one at `prefix`) with every sensitive leaf replaced by its mask. */
export function redactValue(value: unknown, paths: SensitivePaths, prefix = ''): unknown {
  if (prefix !== '' && paths.some((p) => p === '*' || prefix === p || prefix.startsWith(`${p}.`)))
    return maskValue(value);
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    return Object.fromEntries(
      Object.entries(value).map(([k, v]) => [k, redactValue(v, paths, prefix ? `${prefix}.${k}` : k)]),
    );
  }
  return value;
}
