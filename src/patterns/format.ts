/**
 * The canonical text of a parsed pattern: single spaces, as AWS's documentation writes them. Two
 * patterns with the same canonical text match the same events, so the plan can say when a pattern
 * change is only spacing.
 */
import type { FieldExpr, FilterPattern, JsonExpr, Term, Value } from './ast';

function quote(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

function value(v: Value): string {
  switch (v.kind) {
    case 'regex':
      return `%${v.source}%`;
    case 'number':
      return v.text;
    case 'string':
      return v.quoted ? quote(v.text) : v.text;
  }
}

function term(t: Term): string {
  const sign = t.mode === 'any' ? '?' : t.mode === 'exclude' ? '-' : '';
  const body = t.match.kind === 'regex' ? `%${t.match.source}%` : t.match.quoted ? quote(t.match.text) : t.match.text;
  return sign + body;
}

function json(e: JsonExpr, parent?: 'and' | 'or'): string {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const text = `${json(e.left, e.kind)} ${e.kind === 'and' ? '&&' : '||'} ${json(e.right, e.kind)}`;
      // Only an || under an && needs parentheses to keep its meaning.
      return e.kind === 'or' && parent === 'and' ? `(${text})` : text;
    }
    case 'compare':
      return `${e.selector.text} ${e.op} ${value(e.value)}`;
    case 'is':
      return `${e.selector.text} IS ${e.test}`;
    case 'notExists':
      return `${e.selector.text} NOT EXISTS`;
  }
}

function field(e: FieldExpr, parent?: 'and' | 'or'): string {
  switch (e.kind) {
    case 'and':
    case 'or': {
      const text = `${field(e.left, e.kind)} ${e.kind === 'and' ? '&&' : '||'} ${field(e.right, e.kind)}`;
      return e.kind === 'or' && parent === 'and' ? `(${text})` : text;
    }
    case 'compare':
      return `${e.field} ${e.op} ${value(e.value)}`;
  }
}

/** The pattern written canonically; parsing it gives a pattern with the same verdict on every event. */
export function formatPattern(p: FilterPattern): string {
  switch (p.form) {
    case 'all':
      return '';
    case 'terms':
      return p.terms.map(term).join(' ');
    case 'json':
      return `{ ${json(p.expr)} }`;
    case 'delimited':
      return `[${p.fields
        .map((f) => (f.kind === 'ellipsis' ? '...' : f.condition ? field(f.condition) : (f.name ?? '')))
        .join(', ')}]`;
  }
}
