/**
 * The filter-pattern parser: text -> FilterPattern, or the first problem with its offset. The form is
 * chosen by the first non-blank character, as AWS does: `{` JSON, `[` space-delimited, anything else
 * unstructured terms. Grammar readings where AWS's documentation is silent are noted where they apply.
 */
import type {
  ComparisonOperator,
  DelimitedField,
  FieldExpr,
  FilterPattern,
  JsonExpr,
  Selector,
  SelectorStep,
  StringValue,
  Term,
  Value,
} from './ast';
import { MAX_REGEX_TERMS } from './regex';
import { NUMBER, PatternSyntaxError, Scanner } from './scanner';

/** PutMetricFilter, PutSubscriptionFilter and TestMetricFilter: filterPattern "Maximum length of 1024". */
export const MAX_PATTERN_LENGTH = 1024;
/** AWS: "You can only use up to one wildcard selector in a property selector" (`[*]` or `.*`). */
export const MAX_ARRAY_WILDCARDS = 1;
/** AWS: "... and up to three wildcard selectors in a filter pattern with compound expressions". */
export const MAX_PATTERN_WILDCARDS = 3;

export type ParseResult =
  { ok: true; pattern: FilterPattern } | { ok: false; error: { message: string; offset: number } };

/** Parses a filter pattern. Never throws: every problem becomes `{ ok: false }` with an offset. */
export function parseFilterPattern(text: string): ParseResult {
  try {
    return { ok: true, pattern: parseOrThrow(text) };
  } catch (e) {
    if (e instanceof PatternSyntaxError) return { ok: false, error: { message: e.message, offset: e.offset } };
    // A bug in the parser must not take validation down with it; report it at the start.
    return { ok: false, error: { message: `internal parser error: ${(e as Error).message}`, offset: 0 } };
  }
}

function parseOrThrow(text: string): FilterPattern {
  if (text.length > MAX_PATTERN_LENGTH)
    throw new PatternSyntaxError(
      `pattern is ${text.length} characters; AWS allows at most ${MAX_PATTERN_LENGTH}`,
      MAX_PATTERN_LENGTH,
    );
  const s = new Scanner(text);
  s.skipSpace();
  let pattern: FilterPattern;
  if (s.peek() === '{') pattern = { form: 'json', expr: jsonPattern(s) };
  else if (s.peek() === '[') pattern = { form: 'delimited', fields: delimitedPattern(s) };
  else return termsPattern(s);
  s.skipSpace();
  if (!s.done) s.fail(`unexpected text after the closing ${pattern.form === 'json' ? '}' : ']'}`);
  return pattern;
}

function checkRegexCount(s: Scanner, offset: number): void {
  if (s.regexCount > MAX_REGEX_TERMS)
    s.fail(`regex term number ${s.regexCount}; AWS allows at most ${MAX_REGEX_TERMS} per pattern`, offset);
}

// ---------------------------------------------------------------------------------------------
// Unstructured terms: `ERROR`, `"exact phrase"`, `?ERROR ?WARN`, `-DEBUG`, `%regex%`.

function termsPattern(s: Scanner): FilterPattern {
  const terms: Term[] = [];
  for (;;) {
    s.skipSpace();
    if (s.done) break;
    const offset = s.pos;
    let mode: Term['mode'] = 'require';
    if (s.peek() === '-' || s.peek() === '?') {
      mode = s.peek() === '-' ? 'exclude' : 'any';
      s.pos++;
      // AWS's own example writes `"ERROR" - "Exiting"`: the sign may stand apart from its term.
      s.skipSpace();
      if (s.done) s.fail(`"${mode === 'exclude' ? '-' : '?'}" must be followed by a term`, offset);
    }
    const ch = s.peek();
    if (ch === '"') {
      terms.push({ mode, match: { kind: 'text', text: s.quoted(), quoted: true }, offset });
    } else if (ch === '%') {
      const regex = s.regex();
      checkRegexCount(s, regex.offset);
      terms.push({ mode, match: regex, offset });
    } else {
      const word = s.run((c) => !/\s/.test(c) && c !== '"');
      if (s.peek() === '"') s.fail('a double quote inside a term: quote the whole term instead');
      terms.push({ mode, match: { kind: 'text', text: word, quoted: false }, offset });
    }
  }
  // An empty pattern, `""` or `" "` matches every event (AWS documents `" "` as "match everything").
  if (terms.every((t) => t.mode === 'require' && t.match.kind === 'text' && t.match.text.trim() === ''))
    return { form: 'all' };
  return { form: 'terms', terms };
}

// ---------------------------------------------------------------------------------------------
// Values shared by JSON and space-delimited conditions.

/** Characters an unquoted JSON value may use; AWS requires quotes around `@`, `$`, `\` and the like. */
const BARE_VALUE = /^[A-Za-z0-9_.*+\-:/]+$/;

function stringValue(text: string, quoted: boolean, offset: number): StringValue {
  // A value made only of `*` matches anything; otherwise `*` is special only at either end.
  const leading = text.startsWith('*');
  const trailing = text.length > 1 && text.endsWith('*');
  const core = text.slice(leading ? 1 : 0, trailing ? -1 : undefined);
  return { kind: 'string', text, quoted, leadingWildcard: leading, trailingWildcard: trailing, core, offset };
}

/**
 * A comparison's right-hand side. `stop` says which characters end an unquoted value in this form.
 * Relational operators need a number; `=`/`!=` take a number, a string (quoted or bare) or a regex.
 */
function value(s: Scanner, op: ComparisonOperator, stop: (ch: string) => boolean, where: string): Value {
  s.skipSpace();
  const offset = s.pos;
  const ch = s.peek();
  let v: Value;
  if (ch === '"') v = stringValue(s.quoted(), true, offset);
  else if (ch === '%') {
    v = s.regex();
    checkRegexCount(s, offset);
  } else {
    const word = s.run((c) => !/\s/.test(c) && !stop(c));
    if (word === '') s.fail(`expected a value after ${op}${s.describeHere()}`);
    if (NUMBER.test(word)) v = { kind: 'number', value: Number(word), text: word, offset };
    else if (where === 'JSON' && !BARE_VALUE.test(word))
      s.fail(
        `${JSON.stringify(word)} must be in double quotes: unquoted ${where} values may only use letters, digits and _ . * + - : /`,
        offset,
      );
    else v = stringValue(word, false, offset);
  }
  if (op !== '=' && op !== '!=' && v.kind !== 'number')
    s.fail(
      `${op} compares numbers: ${JSON.stringify(v.kind === 'regex' ? `%${v.source}%` : v.text)} is not a number`,
      offset,
    );
  return v;
}

// ---------------------------------------------------------------------------------------------
// JSON: `{ $.a.b[0] = "x" && ($.n > 3 || $.f IS TRUE) }`.

function jsonPattern(s: Scanner): JsonExpr {
  const open = s.pos;
  s.pos++; // {
  s.skipSpace();
  if (s.peek() === '}') s.fail('empty JSON pattern: write { $.field = value }', open);
  const expr = jsonOr(s);
  s.skipSpace();
  if (s.done) s.fail('"{" is never closed', open);
  if (s.peek() !== '}') s.fail(`expected &&, || or the closing }${s.describeHere()}`);
  s.pos++;
  return expr;
}

function jsonOr(s: Scanner): JsonExpr {
  let left = jsonAnd(s);
  while (s.eat('||')) left = { kind: 'or', left, right: jsonAnd(s) };
  return left;
}

function jsonAnd(s: Scanner): JsonExpr {
  let left = jsonPrimary(s);
  while (s.eat('&&')) left = { kind: 'and', left, right: jsonPrimary(s) };
  return left;
}

function jsonPrimary(s: Scanner): JsonExpr {
  s.skipSpace();
  if (s.peek() === '(') {
    const open = s.pos;
    s.pos++;
    const inner = jsonOr(s);
    s.skipSpace();
    if (s.peek() !== ')')
      s.fail(
        s.done ? '"(" is never closed' : `expected ) to close the ( at offset ${open}${s.describeHere()}`,
        s.done ? open : s.pos,
      );
    s.pos++;
    return inner;
  }
  if (s.peek() !== '$') s.fail(`each condition must start with a field selector such as $.level${s.describeHere()}`);
  const sel = selector(s);
  const wildcards = sel.steps.filter((st) => st.kind === 'anyIndex' || st.kind === 'anyProperty').length;
  s.wildcardCount += wildcards;
  if (wildcards > 0 && s.wildcardCount > MAX_PATTERN_WILDCARDS)
    s.fail(
      `wildcard selector number ${s.wildcardCount}; AWS allows at most ${MAX_PATTERN_WILDCARDS} in one filter pattern`,
      sel.offset,
    );
  s.skipSpace();
  const kwAt = s.pos;
  const keyword = s.run((c) => /[A-Za-z]/.test(c)).toUpperCase();
  if (keyword === 'IS') {
    s.skipSpace();
    const testAt = s.pos;
    const test = s.run((c) => /[A-Za-z]/.test(c)).toUpperCase();
    if (test === 'TRUE' || test === 'FALSE' || test === 'NULL') return { kind: 'is', selector: sel, test };
    return s.fail(
      test === 'NOT'
        ? 'IS NOT is not supported: write IS TRUE, IS FALSE, IS NULL, or NOT EXISTS'
        : 'IS must be followed by TRUE, FALSE or NULL',
      testAt,
    );
  }
  if (keyword === 'NOT') {
    s.skipSpace();
    const at = s.pos;
    if (s.run((c) => /[A-Za-z]/.test(c)).toUpperCase() === 'EXISTS') return { kind: 'notExists', selector: sel };
    return s.fail('NOT must be followed by EXISTS', at);
  }
  if (keyword === 'EXISTS')
    return s.fail('EXISTS alone is not supported: test presence with = * or absence with NOT EXISTS', kwAt);
  if (keyword !== '')
    return s.fail(`expected a comparison (=, !=, <, <=, >, >=, IS, NOT EXISTS) after ${sel.text}`, kwAt);
  const op = s.operator();
  if (!op)
    return s.fail(`expected a comparison (=, !=, <, <=, >, >=, IS, NOT EXISTS) after ${sel.text}${s.describeHere()}`);
  const v = value(s, op, (c) => '(){}&|,'.includes(c) || c === '"' || c === '%', 'JSON');
  return { kind: 'compare', selector: sel, op, value: v };
}

const NAME_CHAR = /[A-Za-z0-9_-]/;

/**
 * `$.a.b[0][*].c`: starts with `$.`; then `.name`, `.*` (any field), `.['key.with.dots']` (AWS's
 * bracket notation for a key with a period), `[N]` or `[*]` (any element).
 */
export function selector(s: Scanner): Selector {
  const start = s.pos;
  s.pos++; // $
  const steps: SelectorStep[] = [];
  let wildcards = 0;
  const wildcard = (at: number) => {
    wildcards++;
    if (wildcards > MAX_ARRAY_WILDCARDS)
      s.fail(`at most ${MAX_ARRAY_WILDCARDS} wildcard selector ([*] or .*) in one property selector (AWS's quota)`, at);
  };
  if (s.peek() !== '.') s.fail('a selector starts with $. followed by a property name, e.g. $.level');
  for (;;) {
    const ch = s.peek();
    if (ch === '.') {
      s.pos++;
      if (s.peek() === '*') {
        wildcard(s.pos);
        s.pos++;
        steps.push({ kind: 'anyProperty' });
        continue;
      }
      if (s.peek() === '[') {
        steps.push({ kind: 'property', name: bracketedKey(s) });
        continue;
      }
      const name = s.run((c) => NAME_CHAR.test(c));
      if (name === '') s.fail(`expected a property name after "."${s.describeHere()}`);
      steps.push({ kind: 'property', name });
    } else if (ch === '[') {
      if (steps.length === 0) s.fail('an array index must follow a property, e.g. $.users[0]');
      const at = s.pos;
      s.pos++;
      if (s.peek() === '*') {
        s.pos++;
        wildcard(at);
        steps.push({ kind: 'anyIndex' });
      } else {
        const digits = s.run((c) => /[0-9]/.test(c));
        if (digits === '') s.fail('an array index is a number or *, e.g. [0] or [*]');
        steps.push({ kind: 'index', index: Number(digits) });
      }
      if (s.peek() !== ']') s.fail(`expected ] to close the array index${s.describeHere()}`);
      s.pos++;
    } else break;
  }
  return { text: s.text.slice(start, s.pos), steps, offset: start };
}

/** `['cluster.name']` after a `.`: a key in single quotes, which may hold periods. */
function bracketedKey(s: Scanner): string {
  const open = s.pos;
  s.pos++; // [
  if (s.peek() !== "'")
    s.fail(`bracket notation takes a key in single quotes, e.g. $.['cluster.name']${s.describeHere()}`);
  const close = s.text.indexOf("'", s.pos + 1);
  if (close < 0) s.fail('the quoted key in [ is never closed', open);
  const key = s.text.slice(s.pos + 1, close);
  if (key === '') s.fail("empty key in ['']", open);
  s.pos = close + 1;
  if (s.peek() !== ']') s.fail(`expected ] after the quoted key${s.describeHere()}`);
  s.pos++;
  return key;
}

// ---------------------------------------------------------------------------------------------
// Space-delimited: `[ip, user, ..., status = 4* && bytes > 1000, bytes]`.

const FIELD_NAME = /[A-Za-z0-9_]/;

function delimitedPattern(s: Scanner): DelimitedField[] {
  const open = s.pos;
  s.pos++; // [
  const fields: DelimitedField[] = [];
  s.skipSpace();
  // `[]` is TestMetricFilter's own example: any line, every field extracted as $1..$N.
  if (s.peek() === ']') {
    s.pos++;
    return fields;
  }
  for (;;) {
    s.skipSpace();
    const offset = s.pos;
    if (s.done) s.fail('"[" is never closed', open);
    if (s.startsWith('...')) {
      s.pos += 3;
      fields.push({ kind: 'ellipsis', offset });
    } else if (s.peek() === ',' || s.peek() === ']') {
      // AWS's example `[..., request=*.html*, status_code=4*,]` ends with a comma: an unnamed last field.
      if (s.peek() === ',') s.fail('empty field between commas: name it, or use ... for any number of fields');
      if (fields.length === 0) s.fail('empty field');
      fields.push({ kind: 'field', offset });
    } else {
      const name = s.run((c) => FIELD_NAME.test(c));
      if (name === '')
        s.fail(
          `a field is a name (letters, digits, _), a name with a condition such as status=5*, or ...${s.describeHere()}`,
        );
      s.skipSpace();
      if (s.done) s.fail('"[" is never closed', open);
      if (s.peek() === ',' || s.peek() === ']') fields.push({ kind: 'field', name, offset });
      else {
        s.pos = offset;
        fields.push({ kind: 'field', name, condition: fieldOr(s), offset });
      }
    }
    s.skipSpace();
    if (s.peek() === ',') {
      s.pos++;
      continue;
    }
    if (s.peek() === ']') {
      s.pos++;
      return fields;
    }
    if (s.done) s.fail('"[" is never closed', open);
    s.fail(`expected , or ] after a field${s.describeHere()}`);
  }
}

function fieldOr(s: Scanner): FieldExpr {
  let left = fieldAnd(s);
  while (s.eat('||')) left = { kind: 'or', left, right: fieldAnd(s) };
  return left;
}

function fieldAnd(s: Scanner): FieldExpr {
  let left = fieldCompare(s);
  while (s.eat('&&')) left = { kind: 'and', left, right: fieldCompare(s) };
  return left;
}

function fieldCompare(s: Scanner): FieldExpr {
  s.skipSpace();
  const fieldOffset = s.pos;
  const field = s.run((c) => FIELD_NAME.test(c));
  if (field === '') s.fail(`expected a field name in a condition${s.describeHere()}`);
  const op = s.operator();
  if (!op) s.fail(`expected =, !=, <, <=, > or >= after ${field}${s.describeHere()}`);
  const v = value(s, op, (c) => ',]&|'.includes(c) || c === '"' || c === '%', 'space-delimited');
  return { kind: 'compare', field, fieldOffset, op, value: v };
}
