import type { FieldDiff } from '../../model';

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Deep equality for normalized specs: records by key, arrays in order, undefined equal to absent. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => deepEqual(x, b[i]));
  if (isRecord(a) && isRecord(b)) {
    const keys = new Set([...Object.keys(a), ...Object.keys(b)]);
    for (const k of keys) if (!deepEqual(a[k], b[k])) return false;
    return true;
  }
  return false;
}

/**
 * Field-level differences between two normalized specs. Records (tags, dimensions, metric) are
 * walked key by key so a reviewer sees `tags.team`, not a whole map; arrays compare whole.
 * `replaceFields` names the top-level fields that cannot change in place.
 */
export function fieldDiffs(before: object, after: object, replaceFields: ReadonlySet<string>): FieldDiff[] {
  const out: FieldDiff[] = [];
  const walk = (path: string, top: string, a: unknown, b: unknown) => {
    if (deepEqual(a, b)) return;
    if (isRecord(a) && isRecord(b)) {
      for (const k of [...new Set([...Object.keys(a), ...Object.keys(b)])].sort())
        walk(`${path}.${k}`, top, a[k], b[k]);
      return;
    }
    if (isRecord(a) || isRecord(b)) {
      // A record appearing or disappearing (e.g. metric ↔ metrics): show its leaves.
      const rec = (isRecord(a) ? a : b) as Record<string, unknown>;
      for (const k of Object.keys(rec).sort())
        walk(`${path}.${k}`, top, isRecord(a) ? a[k] : undefined, isRecord(b) ? b[k] : undefined);
      if (!isRecord(a) && a !== undefined)
        out.push({ path, before: a, after: undefined, forcesReplacement: replaceFields.has(top) });
      if (!isRecord(b) && b !== undefined)
        out.push({ path, before: undefined, after: b, forcesReplacement: replaceFields.has(top) });
      return;
    }
    out.push({ path, before: a, after: b, forcesReplacement: replaceFields.has(top) });
  };
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => k !== 'kind');
  for (const k of keys) walk(k, k, (before as Record<string, unknown>)[k], (after as Record<string, unknown>)[k]);
  return out;
}
