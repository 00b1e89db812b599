/**
 * A checker for CloudWatch Logs filter patterns. It catches what makes PutMetricFilter fail or a
 * filter silently match nothing: unbalanced quotes and brackets, malformed JSON and space-delimited
 * forms, too many regex terms, and AWS's length limit. It does not evaluate patterns.
 */

/** A problem in a pattern, at a character offset (0-based). */
export interface PatternProblem {
  readonly offset: number;
  readonly message: string;
}

export const MAX_PATTERN_LENGTH = 1024;
export const MAX_REGEX_TERMS = 2;

/** Checks quotes, brackets and braces balance; returns the first problem. */
function balance(p: string): PatternProblem | undefined {
  const stack: { ch: string; at: number }[] = [];
  const pairs: Record<string, string> = { ')': '(', ']': '[', '}': '{' };
  for (let i = 0; i < p.length; i++) {
    const ch = p[i] as string;
    if (ch === '"') {
      const end = p.indexOf('"', i + 1);
      if (end < 0) return { offset: i, message: 'unclosed double quote' };
      i = end;
    } else if (ch === '%' && stack.length === 0) {
      const end = p.indexOf('%', i + 1);
      if (end < 0) return { offset: i, message: 'unclosed %regex% term: a regex term starts and ends with %' };
      if (end === i + 1) return { offset: i, message: 'empty %% regex term' };
      i = end;
    } else if (ch === '(' || ch === '[' || ch === '{') stack.push({ ch, at: i });
    else if (ch === ')' || ch === ']' || ch === '}') {
      const open = stack.pop();
      if (!open) return { offset: i, message: `unexpected "${ch}" with nothing open` };
      if (open.ch !== pairs[ch])
        return { offset: i, message: `"${ch}" closes "${open.ch}" opened at offset ${open.at}` };
    }
  }
  const open = stack.pop();
  return open ? { offset: open.at, message: `"${open.ch}" is never closed` } : undefined;
}

function regexTerms(p: string): { count: number; third?: number } {
  let count = 0;
  let third: number | undefined;
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '"') {
      const end = p.indexOf('"', i + 1);
      i = end < 0 ? p.length : end;
    } else if (p[i] === '%') {
      count++;
      if (count === MAX_REGEX_TERMS + 1) third = i;
      const end = p.indexOf('%', i + 1);
      i = end < 0 ? p.length : end;
    }
  }
  return { count, third };
}

/** JSON form `{ $.field op value && ... }`: every comparison must select a field with `$.`. */
function jsonForm(p: string): PatternProblem | undefined {
  const body = p.trim();
  const start = p.indexOf('{');
  const inner = body.slice(1, -1);
  if (inner.trim() === '') return { offset: start, message: 'empty JSON pattern: write { $.field = value }' };
  // Split on && and || outside quotes and parentheses, then check each comparison.
  const parts = inner.split(/&&|\|\|/);
  let offset = start + 1;
  for (const part of parts) {
    const t = part.replace(/[()]/g, ' ').trim();
    if (t !== '' && !/^\$(\.|\[)/.test(t)) {
      return {
        offset: offset + part.indexOf(t.charAt(0)),
        message: `each condition must start with a field selector such as $.level, got ${t}`,
      };
    }
    if (t !== '' && !/^\$[^\s=!<>]*\s*(=|!=|<=|>=|<|>|IS|NOT EXISTS|EXISTS)/i.test(t)) {
      return {
        offset: offset + part.indexOf(t.charAt(0)),
        message: `"${t}" needs a comparison: =, !=, <, <=, >, >=, IS, or NOT EXISTS`,
      };
    }
    offset += part.length + 2;
  }
  return undefined;
}

/** Space-delimited form `[a, b=..., ...]`: fields are names (or "..."), optionally with a condition. */
function delimitedForm(p: string): PatternProblem | undefined {
  const start = p.indexOf('[');
  const inner = p.trim().slice(1, -1);
  if (inner.trim() === '')
    return { offset: start, message: 'empty space-delimited pattern: name the fields, e.g. [ip, user, status]' };
  let offset = start + 1;
  for (const field of inner.split(',')) {
    const t = field.trim();
    if (t === '') return { offset, message: 'empty field between commas' };
    if (!/^(\.\.\.|[A-Za-z_][A-Za-z0-9_]*(\s*(=|!=|<=|>=|<|>)\s*.+)?|\w*\*?)$/.test(t)) {
      return {
        offset: offset + field.indexOf(t.charAt(0)),
        message: `field "${t}" is not a name, "...", or name with a condition such as status=5*`,
      };
    }
    offset += field.length + 1;
  }
  return undefined;
}

/** The first problem with a filter pattern, or undefined when it is well formed. */
export function checkFilterPattern(pattern: string): PatternProblem | undefined {
  if (pattern.length > MAX_PATTERN_LENGTH) {
    return {
      offset: MAX_PATTERN_LENGTH,
      message: `pattern is ${pattern.length} characters; AWS allows at most ${MAX_PATTERN_LENGTH}`,
    };
  }
  const unbalanced = balance(pattern);
  if (unbalanced) return unbalanced;
  const regex = regexTerms(pattern);
  if (regex.count > MAX_REGEX_TERMS) {
    return {
      offset: regex.third ?? 0,
      message: `${regex.count} regex terms; AWS allows at most ${MAX_REGEX_TERMS} per pattern`,
    };
  }
  const t = pattern.trim();
  if (t.startsWith('{')) {
    if (!t.endsWith('}'))
      return { offset: pattern.lastIndexOf('}') + 1, message: 'text after the closing } of a JSON pattern' };
    return jsonForm(pattern);
  }
  if (t.startsWith('[')) {
    if (!t.endsWith(']'))
      return { offset: pattern.lastIndexOf(']') + 1, message: 'text after the closing ] of a space-delimited pattern' };
    return delimitedForm(pattern);
  }
  return undefined;
}
