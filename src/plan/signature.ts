/**
 * A canonical string for a spec, equal for two specs exactly when deepEqual (kinds/shared/field-diff.ts)
 * finds them equal: records by sorted key with undefined entries dropped, arrays in order, and
 * primitives with their type. It lets the planner index specs instead of diffing every pair.
 */
function canonical(value: unknown): string {
  if (value === undefined) return 'u';
  if (value === null) return 'n';
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonical(v)}`).join(',')}}`;
  }
  return `${typeof value}:${JSON.stringify(value) ?? String(value)}`;
}

/** The canonical string of a record without some of its top-level fields. */
export function signatureWithout(spec: object, fields: readonly string[]): string {
  const rest = Object.fromEntries(Object.entries(spec).filter(([k]) => !fields.includes(k)));
  return canonical(rest);
}
