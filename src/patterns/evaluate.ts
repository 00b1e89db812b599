/**
 * The filter-pattern evaluator: does one log event match a parsed pattern, and what does a metric
 * filter emit for it. Pure functions over the tree from parse.ts; the message is parsed at most once
 * (as JSON or as space-delimited fields) per evaluation.
 */
import type {
  ComparisonOperator,
  DelimitedField,
  FieldExpr,
  FilterPattern,
  JsonExpr,
  Selector,
  StringValue,
  Term,
  Value,
} from './ast';
import { NUMBER, PatternSyntaxError, Scanner } from './scanner';
import { selector as parseSelector } from './parse';
import type { MetricTransformation } from '../kinds/specs';

export interface MetricEmission {
  readonly matched: boolean;
  /** Undefined when the event emits no datapoint (no match and no default, or a non-numeric value). */
  readonly value?: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Fields a space-delimited pattern extracted: `$name` for named slots and `$N` (1-based) for all. */
export type Extracted = ReadonlyMap<string, string>;

/** What matching found, kept so the metric value and dimensions come from the same parse. */
type Context =
  | { readonly kind: 'none' }
  | { readonly kind: 'json'; readonly root: unknown }
  | {
      readonly kind: 'delimited';
      readonly fields: Extracted;
      /** TestMetricFilter's extractedValues: `$name` for a named slot, `$N` for the others. */
      readonly shown: Readonly<Record<string, string>>;
    };

const NO_MATCH = { matched: false, context: { kind: 'none' } } as const;

function matchWithContext(pattern: FilterPattern, message: string): { matched: boolean; context: Context } {
  switch (pattern.form) {
    case 'all':
      return { matched: true, context: { kind: 'none' } };
    case 'terms':
      return { matched: termsMatch(pattern.terms, message), context: { kind: 'none' } };
    case 'json': {
      const root = parseJsonEvent(message);
      if (root === undefined) return NO_MATCH;
      return { matched: jsonMatch(pattern.expr, root), context: { kind: 'json', root } };
    }
    case 'delimited': {
      const found = delimitedMatch(pattern.fields, splitFields(message));
      return found ? { matched: true, context: { kind: 'delimited', ...found } } : NO_MATCH;
    }
  }
}

/**
 * The fields a space-delimited pattern extracts from a matching event, as TestMetricFilter's
 * extractedValues show them: `$name` for a named slot and `$N` (1-based) for every other field
 * (AWS's examples: `[..., size]` gives `$1`..`$6` and `$size`). Empty for other forms or no match.
 * Metric values and dimensions may use either name.
 */
export function extractedFields(pattern: FilterPattern, message: string): Readonly<Record<string, string>> {
  const { matched, context } = matchWithContext(pattern, message);
  return matched && context.kind === 'delimited' ? context.shown : {};
}

/** Whether `message` matches `pattern`. */
export function matchesEvent(pattern: FilterPattern, message: string): boolean {
  return matchWithContext(pattern, message).matched;
}

/**
 * What one log event emits for a filter's metric transformation. A match emits the metric value
 * (`1`, a literal, `$.field` from JSON, `$name` from a space-delimited field) with its dimensions; a
 * value that is not a number emits nothing. A non-match emits the transformation's default value, if
 * it has one, without dimensions (AWS forbids a default value on a filter with dimensions).
 */
export function evaluateEvent(
  pattern: FilterPattern,
  transformation: MetricTransformation,
  message: string,
): MetricEmission {
  const { matched, context } = matchWithContext(pattern, message);
  if (!matched)
    return transformation.defaultValue === undefined
      ? { matched, dimensions: {} }
      : { matched, value: transformation.defaultValue, dimensions: {} };
  const compiled = compileTransformation(transformation);
  const dimensions: Record<string, string> = {};
  for (const [key, ref] of compiled.dimensions) {
    const resolved = resolveReference(ref, context);
    // A dimension whose field is absent or not a scalar: the event publishes no datapoint.
    if (resolved === undefined) return { matched, dimensions };
    dimensions[key] = resolved;
  }
  const value = compiled.literal ?? resolveNumber(compiled.value, context);
  return value === undefined ? { matched, dimensions } : { matched, value, dimensions };
}

/** A transformation's references, parsed once per transformation object rather than per event. */
type Reference =
  | { readonly kind: 'json'; readonly steps: Selector['steps'] }
  | { readonly kind: 'field'; readonly name: string }
  | { readonly kind: 'literal'; readonly text: string }
  | { readonly kind: 'invalid' };

interface CompiledTransformation {
  readonly literal?: number;
  readonly value: Reference;
  readonly dimensions: readonly (readonly [string, Reference])[];
}

const compiledCache = new WeakMap<MetricTransformation, CompiledTransformation>();

function compileTransformation(t: MetricTransformation): CompiledTransformation {
  const cached = compiledCache.get(t);
  if (cached) return cached;
  const value = compileReference(t.metricValue);
  const compiled: CompiledTransformation = {
    literal: value.kind === 'literal' ? parseMetricNumber(value.text) : undefined,
    value,
    dimensions: Object.entries(t.dimensions).map(([k, ref]) => [k, compileReference(ref)] as const),
  };
  compiledCache.set(t, compiled);
  return compiled;
}

/** `$.a.b` (JSON), `$name` / `$3` (space-delimited), or a literal. */
function compileReference(ref: string): Reference {
  const r = ref.trim();
  if (r.startsWith('$.')) {
    try {
      const s = new Scanner(r);
      const sel = parseSelector(s);
      return s.done ? { kind: 'json', steps: sel.steps } : { kind: 'invalid' };
    } catch (e) {
      if (e instanceof PatternSyntaxError) return { kind: 'invalid' };
      throw e;
    }
  }
  if (r.startsWith('$')) return { kind: 'field', name: r };
  return { kind: 'literal', text: r };
}

function resolveReference(ref: Reference, context: Context): string | undefined {
  switch (ref.kind) {
    case 'json': {
      if (context.kind !== 'json') return undefined;
      const node = resolve(context.root, ref.steps, 0)[0];
      if (typeof node === 'string') return node;
      return typeof node === 'number' || typeof node === 'boolean' ? String(node) : undefined;
    }
    case 'field':
      return context.kind === 'delimited' ? context.fields.get(ref.name) : undefined;
    case 'literal':
      return ref.text;
    case 'invalid':
      return undefined;
  }
}

function resolveNumber(ref: Reference, context: Context): number | undefined {
  const raw = resolveReference(ref, context);
  return raw === undefined ? undefined : parseMetricNumber(raw);
}

/** AWS's metric-value number syntax (sign, decimal, exponent); anything else is not a number. */
export function parseMetricNumber(text: string): number | undefined {
  const t = text.trim();
  if (!NUMBER.test(t)) return undefined;
  const n = Number(t);
  return Number.isFinite(n) ? n : undefined;
}

// ---------------------------------------------------------------------------------------------
// Unstructured terms.

function termHit(t: Term, message: string): boolean {
  return t.match.kind === 'regex' ? t.match.regex.test(message) : message.includes(t.match.text);
}

/**
 * Plain terms must all appear and excluded terms must all be absent. `?` terms count only when the
 * pattern has nothing else: at least one of them must appear. AWS: "If you combine ? with other
 * filter patterns, all question mark terms will be ignored" (`?ERROR ?ARGUMENTS REQUEST` matches
 * every event with REQUEST).
 */
function termsMatch(terms: readonly Term[], message: string): boolean {
  const onlyOptional = terms.every((t) => t.mode === 'any');
  let anyTerms = 0;
  let anyHit = false;
  for (const t of terms) {
    if (t.mode === 'any' && !onlyOptional) continue;
    switch (t.mode) {
      case 'require':
        if (!termHit(t, message)) return false;
        break;
      case 'exclude':
        if (termHit(t, message)) return false;
        break;
      case 'any':
        anyTerms++;
        if (!anyHit && termHit(t, message)) anyHit = true;
        break;
    }
  }
  return anyTerms === 0 || anyHit;
}

// ---------------------------------------------------------------------------------------------
// Values.

function stringMatches(v: StringValue, text: string): boolean {
  if (v.text === '*') return true;
  if (v.leadingWildcard && v.trailingWildcard) return text.includes(v.core);
  if (v.leadingWildcard) return text.endsWith(v.core);
  if (v.trailingWildcard) return text.startsWith(v.core);
  return text === v.text;
}

/** `=` between a pattern value and a field's text (number when both sides are numbers). */
function equals(v: Value, text: string, isNumber: boolean): boolean {
  switch (v.kind) {
    case 'regex':
      return v.regex.test(text);
    case 'string':
      return stringMatches(v, text);
    case 'number': {
      if (isNumber || NUMBER.test(text.trim())) return Number(text) === v.value;
      return text === v.text;
    }
  }
}

function compareNumbers(op: '<' | '<=' | '>' | '>=', a: number, b: number): boolean {
  switch (op) {
    case '<':
      return a < b;
    case '<=':
      return a <= b;
    case '>':
      return a > b;
    case '>=':
      return a >= b;
  }
}

function compareText(op: ComparisonOperator, v: Value, text: string, isNumber: boolean): boolean {
  if (op === '=') return equals(v, text, isNumber);
  if (op === '!=') return !equals(v, text, isNumber);
  if (v.kind !== 'number' || !(isNumber || NUMBER.test(text.trim()))) return false;
  return compareNumbers(op, Number(text), v.value);
}

// ---------------------------------------------------------------------------------------------
// JSON.

function parseJsonEvent(message: string): unknown {
  const t = message.trim();
  if (!t.startsWith('{')) return undefined;
  try {
    return JSON.parse(t) as unknown;
  } catch {
    return undefined;
  }
}

/** Every node the steps reach from `node` (several when a step is `[*]`). */
function resolve(node: unknown, steps: Selector['steps'], i: number): unknown[] {
  if (i === steps.length) return [node];
  const step = steps[i] as Selector['steps'][number];
  switch (step.kind) {
    case 'property':
      if (node === null || typeof node !== 'object' || Array.isArray(node)) return [];
      if (!Object.prototype.hasOwnProperty.call(node, step.name)) return [];
      return resolve((node as Record<string, unknown>)[step.name], steps, i + 1);
    case 'index':
      if (!Array.isArray(node) || step.index >= node.length) return [];
      return resolve(node[step.index], steps, i + 1);
    case 'anyIndex':
      if (!Array.isArray(node)) return [];
      return node.flatMap((el) => resolve(el, steps, i + 1));
    case 'anyProperty':
      // AWS: "the JSON wildcard [selects] any array element or any JSON object field".
      if (node === null || typeof node !== 'object') return [];
      return Object.values(node).flatMap((el) => resolve(el, steps, i + 1));
  }
}

function jsonMatch(expr: JsonExpr, root: unknown): boolean {
  switch (expr.kind) {
    case 'and':
      return jsonMatch(expr.left, root) && jsonMatch(expr.right, root);
    case 'or':
      return jsonMatch(expr.left, root) || jsonMatch(expr.right, root);
    case 'notExists':
      return resolve(root, expr.selector.steps, 0).length === 0;
    case 'is': {
      const want = expr.test === 'TRUE' ? true : expr.test === 'FALSE' ? false : null;
      return resolve(root, expr.selector.steps, 0).some((n) => n === want);
    }
    case 'compare':
      // The selector must reach a value node: an array or object matches neither = nor != (AWS).
      return resolve(root, expr.selector.steps, 0).some((n) => {
        if (typeof n === 'string') return compareText(expr.op, expr.value, n, false);
        if (typeof n === 'number') return compareText(expr.op, expr.value, String(n), true);
        if (typeof n === 'boolean') return compareText(expr.op, expr.value, String(n), false);
        return false;
      });
  }
}

// ---------------------------------------------------------------------------------------------
// Space-delimited.

/**
 * Splits a log line into fields: runs of whitespace separate fields, and the text between a pair of
 * double quotes or square brackets is one field (without the quotes or brackets), as AWS documents.
 */
export function splitFields(message: string): string[] {
  const out: string[] = [];
  const n = message.length;
  let i = 0;
  while (i < n) {
    const ch = message.charCodeAt(i);
    if (ch === 32 || ch === 9 || ch === 10 || ch === 13) {
      i++;
      continue;
    }
    const close = ch === 34 ? '"' : ch === 91 ? ']' : undefined;
    if (close) {
      const end = message.indexOf(close, i + 1);
      if (end >= 0) {
        out.push(message.slice(i + 1, end));
        i = end + 1;
        continue;
      }
    }
    let j = i;
    while (j < n) {
      const c = message.charCodeAt(j);
      if (c === 32 || c === 9 || c === 10 || c === 13) break;
      j++;
    }
    out.push(message.slice(i, j));
    i = j;
  }
  return out;
}

/**
 * Assigns log fields to pattern slots (`...` takes any number of fields) and checks the conditions;
 * returns the extracted fields of the first assignment that satisfies them, or undefined.
 */
function delimitedMatch(
  slots: readonly DelimitedField[],
  fields: readonly string[],
): { fields: Extracted; shown: Record<string, string> } | undefined {
  const extracted = new Map<string, string>();
  fields.forEach((f, i) => extracted.set(`$${i + 1}`, f));
  // `[]` names no field: TestMetricFilter's own example matches every line and extracts $1..$N.
  if (slots.length === 0) return { fields: extracted, shown: Object.fromEntries(extracted) };
  const hasEllipsis = slots.some((s) => s.kind === 'ellipsis');
  // Without "..." the pattern must name every field of the line (our reading of AWS's examples).
  if (!hasEllipsis && slots.length !== fields.length) return undefined;
  // Every attempt sets every named slot again, so one map serves all of them.
  let accepted: Assignment = [];
  const found = assign(slots, fields, (assignment) => {
    for (const [slot, index] of assignment) {
      if (slot.kind === 'field' && slot.name !== undefined) extracted.set(`$${slot.name}`, fields[index] as string);
    }
    for (const [slot] of assignment) {
      if (slot.kind === 'field' && slot.condition && !fieldCondition(slot.condition, extracted)) return undefined;
    }
    accepted = assignment;
    return extracted;
  });
  if (!found) return undefined;
  const shown: Record<string, string> = {};
  const named = new Map<number, string>();
  for (const [slot, index] of accepted)
    if (slot.kind === 'field' && slot.name !== undefined) named.set(index, slot.name);
  fields.forEach((f, i) => (shown[`$${named.get(i) ?? i + 1}`] = f));
  return { fields: found, shown };
}

type Assignment = readonly (readonly [DelimitedField, number])[];

/**
 * Assignments tried per event before giving up (as no match). Several `...` in one pattern can be
 * placed in many ways when conditions keep failing; a hostile line must not stall a backtest.
 */
export const MAX_ASSIGNMENTS = 10_000;

/** Tries ways to place the slots over the fields, most fields to the first `...` first. */
function assign(
  slots: readonly DelimitedField[],
  fields: readonly string[],
  accept: (a: Assignment) => Extracted | undefined,
): Extracted | undefined {
  // fixedAfter[i]: slots from i on that take exactly one field; ellipsisAfter[i]: whether a `...` follows.
  const fixedAfter = new Array<number>(slots.length + 1).fill(0);
  const ellipsisAfter = new Array<boolean>(slots.length + 1).fill(false);
  for (let i = slots.length - 1; i >= 0; i--) {
    const isEllipsis = (slots[i] as DelimitedField).kind === 'ellipsis';
    fixedAfter[i] = (fixedAfter[i + 1] as number) + (isEllipsis ? 0 : 1);
    ellipsisAfter[i] = isEllipsis || (ellipsisAfter[i + 1] as boolean);
  }
  let budget = MAX_ASSIGNMENTS;
  const step = (si: number, fi: number, acc: Assignment): Extracted | undefined => {
    if (si === slots.length) {
      if (fi !== fields.length || budget-- <= 0) return undefined;
      return accept(acc);
    }
    const slot = slots[si] as DelimitedField;
    if (slot.kind === 'ellipsis') {
      const most = fields.length - fi - (fixedAfter[si + 1] as number);
      // With no other `...` after this one, the number of fields it takes is forced.
      const least = ellipsisAfter[si + 1] ? 0 : most;
      for (let skip = most; skip >= least && budget > 0; skip--) {
        const found = step(si + 1, fi + skip, acc);
        if (found) return found;
      }
      return undefined;
    }
    if (fi >= fields.length) return undefined;
    return step(si + 1, fi + 1, [...acc, [slot, fi] as const]);
  };
  return step(0, 0, []);
}

function fieldCondition(expr: FieldExpr, fields: Extracted): boolean {
  switch (expr.kind) {
    case 'and':
      return fieldCondition(expr.left, fields) && fieldCondition(expr.right, fields);
    case 'or':
      return fieldCondition(expr.left, fields) || fieldCondition(expr.right, fields);
    case 'compare': {
      const text = fields.get(`$${expr.field}`);
      if (text === undefined) return false;
      return compareText(expr.op, expr.value, text, false);
    }
  }
}
