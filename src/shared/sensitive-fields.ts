import type { PathSegment } from './source-types';

/**
 * Which spec fields a YAML value feeds, per YAML block: how a `${env:}` value's position in a file
 * becomes a sensitive path of the resource built from it. Each kind's tables live in its folder
 * (kinds/<kind>/fields.ts) beside the form that reads the block. A key ending in `.*` maps every
 * entry under it (tags, dimensions) to the same entry of the spec path. A value no table knows marks
 * the whole resource ('*'): over-masking is a nuisance, a leak is not recoverable.
 */
export type FieldTable = Readonly<Record<string, readonly string[]>>;

/** The spec paths fed by the value at `rel` (a path inside a block the table describes). */
export function specPathsFor(table: FieldTable, rel: readonly PathSegment[]): string[] {
  const names = rel.map(String);
  for (let n = names.length; n > 0; n--) {
    const head = names.slice(0, n).join('.');
    // Own keys only: a YAML key named like an Object.prototype member must not match it.
    const exact = Object.hasOwn(table, head) ? table[head] : undefined;
    if (exact) return [...exact];
    const wild = Object.hasOwn(table, `${head}.*`) ? table[`${head}.*`] : undefined;
    if (wild && n < names.length) return wild.map((p) => `${p}.${names[n]}`);
  }
  return ['*'];
}

/** Whether `path` lies under `prefix`, and the rest of it. */
export function under(path: readonly PathSegment[], prefix: readonly PathSegment[]): PathSegment[] | undefined {
  if (path.length < prefix.length || prefix.some((s, i) => path[i] !== s)) return undefined;
  return path.slice(prefix.length);
}
