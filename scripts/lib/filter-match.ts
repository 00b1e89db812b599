/**
 * A small stand-in for CloudWatch Logs' matcher, for the demo only (the emulator does not evaluate
 * metric filters). It covers the term forms: `%regex%`, quoted and bare terms (all must occur),
 * `-term` exclusions, and the empty pattern (matches everything). JSON and space-delimited patterns
 * are not evaluated here.
 */
export function eventMatches(pattern: string, message: string): boolean {
  const trimmed = pattern.trim();
  if (trimmed === '') return true;
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) throw new Error(`the demo matcher cannot evaluate ${trimmed}`);
  const terms = trimmed.match(/%[^%]*%|-?"[^"]*"|\S+/g) ?? [];
  return terms.every((term) => {
    if (term.startsWith('%') && term.endsWith('%')) return new RegExp(term.slice(1, -1)).test(message);
    const negated = term.startsWith('-');
    const text = (negated ? term.slice(1) : term).replace(/^"|"$/g, '');
    return message.includes(text) !== negated;
  });
}
