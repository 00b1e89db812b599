/** Whether a pattern contains a `%regex%` term: AWS limits such filters per log group. */
import type { FieldExpr, FilterPattern, JsonExpr } from './ast';
import { parseFilterPattern } from './parse';

function jsonUses(e: JsonExpr): boolean {
  switch (e.kind) {
    case 'and':
    case 'or':
      return jsonUses(e.left) || jsonUses(e.right);
    case 'compare':
      return e.value.kind === 'regex';
    case 'is':
    case 'notExists':
      return false;
  }
}

function fieldUses(e: FieldExpr): boolean {
  return e.kind === 'compare' ? e.value.kind === 'regex' : fieldUses(e.left) || fieldUses(e.right);
}

function treeUses(p: FilterPattern): boolean {
  switch (p.form) {
    case 'all':
      return false;
    case 'terms':
      return p.terms.some((t) => t.match.kind === 'regex');
    case 'json':
      return jsonUses(p.expr);
    case 'delimited':
      return p.fields.some((f) => f.kind === 'field' && f.condition !== undefined && fieldUses(f.condition));
  }
}

/** True when the pattern parses and has at least one regex term (an invalid pattern is reported elsewhere). */
export function patternUsesRegex(text: string): boolean {
  const parsed = parseFilterPattern(text);
  return parsed.ok && treeUses(parsed.pattern);
}
