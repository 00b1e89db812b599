/** The alarm names a composite rule refers to: ALARM("x"), OK(x), INSUFFICIENT_DATA('x'), or their ARNs. */
export function ruleAlarmNames(rule: string): string[] {
  const names = new Set<string>();
  for (const m of rule.matchAll(/\b(?:ALARM|OK|INSUFFICIENT_DATA)\s*\(\s*(?:"([^"]*)"|'([^']*)'|([^)\s]+))\s*\)/g)) {
    const ref = (m[1] ?? m[2] ?? m[3] ?? '').trim();
    names.add(ref.includes(':alarm:') ? ref.slice(ref.lastIndexOf(':alarm:') + 7) : ref);
  }
  return [...names].filter((n) => n.length > 0);
}
