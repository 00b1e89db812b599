/** Normalizations of the model both sides apply (the loader and the readers), so a diff agrees by construction. */

/** Sorted, de-duplicated copy of a string list. */
export function sortedUnique(list: readonly string[] | undefined): string[] {
  return [...new Set(list ?? [])].sort();
}

/** A string record with its keys in sorted order (dimensions, tags), absent as empty. */
export function sortedRecord(record: Readonly<Record<string, string>> | undefined): Record<string, string> {
  return Object.fromEntries(Object.entries(record ?? {}).sort(([a], [b]) => a.localeCompare(b)));
}

/** Composite rules compare with runs of whitespace collapsed and ends trimmed. */
export function normalizeRule(rule: string): string {
  return rule.replace(/\s+/g, ' ').trim();
}

/** A JSON value with object keys sorted at every level. */
export function canonicalJson(value: unknown): string {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sortKeys)
      : v && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sortKeys(value));
}

/** Email addresses compare with the domain lower-cased (the local part is case-sensitive by RFC). */
export function normalizeEmail(address: string): string {
  const at = address.lastIndexOf('@');
  return at < 0 ? address : `${address.slice(0, at)}@${address.slice(at + 1).toLowerCase()}`;
}

/** Empty strings from AWS mean "not set". */
export function blankToUndefined(v: string | undefined | null): string | undefined {
  return v === undefined || v === null || v === '' ? undefined : v;
}
