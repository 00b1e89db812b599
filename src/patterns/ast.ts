/**
 * The syntax tree of a CloudWatch Logs filter pattern. One tree for the three forms AWS accepts
 * (terms, JSON, space-delimited); the validator, the evaluator and the renderers all read this.
 * Every node keeps the offset where it starts in the pattern text, so errors found after parsing
 * (and editors) can point at it.
 */

import type { LinearRegex } from './regex';

/** A `%regex%` term: the source between the percent signs and the compiled matcher. */
export interface RegexValue {
  readonly kind: 'regex';
  readonly source: string;
  /** Runs in linear time (RE2), whatever the source: see regex.ts. */
  readonly regex: LinearRegex;
  readonly offset: number;
}

/**
 * A string to compare a field with. AWS treats `*` as a wildcard only at the start or the end of the
 * value ("Ev*ent only matches the actual string Ev*ent"), so the text is split into those parts.
 */
export interface StringValue {
  readonly kind: 'string';
  /** The value as written, without the quotes. */
  readonly text: string;
  readonly quoted: boolean;
  readonly leadingWildcard: boolean;
  readonly trailingWildcard: boolean;
  /** The text between the wildcards. */
  readonly core: string;
  readonly offset: number;
}

export interface NumberValue {
  readonly kind: 'number';
  readonly value: number;
  readonly text: string;
  readonly offset: number;
}

export type Value = RegexValue | StringValue | NumberValue;

export type EqualityOperator = '=' | '!=';
export type RelationalOperator = '<' | '<=' | '>' | '>=';
export type ComparisonOperator = EqualityOperator | RelationalOperator;

/**
 * One step of a JSON selector: `.name` (or `.['name.with.dots']`), `[3]`, `[*]` (any element of an
 * array) or `.*` (any field of an object, or any element of an array).
 */
export type SelectorStep =
  | { readonly kind: 'property'; readonly name: string }
  | { readonly kind: 'index'; readonly index: number }
  | { readonly kind: 'anyIndex' }
  | { readonly kind: 'anyProperty' };

export interface Selector {
  /** As written, e.g. `$.users[0].email`. */
  readonly text: string;
  readonly steps: readonly SelectorStep[];
  readonly offset: number;
}

/** A condition in a JSON pattern. */
export type JsonExpr =
  | { readonly kind: 'and' | 'or'; readonly left: JsonExpr; readonly right: JsonExpr }
  | {
      readonly kind: 'compare';
      readonly selector: Selector;
      readonly op: ComparisonOperator;
      readonly value: Value;
    }
  | { readonly kind: 'is'; readonly selector: Selector; readonly test: 'TRUE' | 'FALSE' | 'NULL' }
  | { readonly kind: 'notExists'; readonly selector: Selector };

/** A condition inside a space-delimited field: `status = 4*`, `bytes > 1000`, joined by && and ||. */
export type FieldExpr =
  | { readonly kind: 'and' | 'or'; readonly left: FieldExpr; readonly right: FieldExpr }
  | {
      readonly kind: 'compare';
      readonly field: string;
      readonly fieldOffset: number;
      readonly op: ComparisonOperator;
      readonly value: Value;
    };

/** One slot of a space-delimited pattern. */
export type DelimitedField =
  | { readonly kind: 'ellipsis'; readonly offset: number }
  | {
      readonly kind: 'field';
      /** Undefined for an unnamed slot (e.g. after a trailing comma); AWS names it `$N`. */
      readonly name?: string;
      readonly condition?: FieldExpr;
      readonly offset: number;
    };

/** One unstructured term: plain terms must all appear, `?` terms are alternatives, `-` terms excluded. */
export interface Term {
  readonly mode: 'require' | 'any' | 'exclude';
  readonly match: { readonly kind: 'text'; readonly text: string; readonly quoted: boolean } | RegexValue;
  readonly offset: number;
}

export type FilterPattern =
  /** The empty pattern (or `""` / `" "`): every event matches. */
  | { readonly form: 'all' }
  | { readonly form: 'terms'; readonly terms: readonly Term[] }
  | { readonly form: 'json'; readonly expr: JsonExpr }
  | { readonly form: 'delimited'; readonly fields: readonly DelimitedField[] };

export type PatternForm = FilterPattern['form'];
