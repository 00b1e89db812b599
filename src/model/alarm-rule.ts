// One reading of ALARM("x"), OK(x), INSUFFICIENT_DATA('x'): the loader and the planner agree on what a rule names.
const REFERENCE = /\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\s*\)/g;

/** What a composite rule's state functions name, as written: alarm names or ARNs. */
export function ruleReferences(rule: string): string[] {
  return [...rule.matchAll(REFERENCE)].map((m) => (m[1] ?? m[2] ?? m[3] ?? '').trim());
}

/** The alarm names a composite rule refers to: ALARM("x"), OK(x), INSUFFICIENT_DATA('x'), or their ARNs. */
export function ruleAlarmNames(rule: string): string[] {
  const names = new Set<string>();
  for (const ref of ruleReferences(rule))
    names.add(ref.includes(':alarm:') ? ref.slice(ref.lastIndexOf(':alarm:') + 7) : ref);
  return [...names].filter((n) => n.length > 0);
}
