/**
 * CloudWatch Logs filter patterns, offline: one parser for the three forms AWS accepts and an
 * evaluator for matches and metric values. The validator, `monitors match`, the alarm simulator, the
 * demo and the plan renderer all go through this module.
 */
export type {
  DelimitedField,
  FieldExpr,
  FilterPattern,
  JsonExpr,
  PatternForm,
  Selector,
  SelectorStep,
  Term,
  Value,
} from './ast';
export { parseFilterPattern, MAX_PATTERN_LENGTH, MAX_ARRAY_WILDCARDS, MAX_PATTERN_WILDCARDS } from './parse';
export type { ParseResult } from './parse';
export { matchesEvent, evaluateEvent, extractedFields, parseMetricNumber, splitFields } from './evaluate';
export type { MetricEmission } from './evaluate';
export { MAX_REGEX_TERMS } from './regex';
export { formatPattern } from './format';
export { PatternBudget, PATTERN_TIME_BUDGET_MS } from './budget';
export { patternUsesRegex } from './regex-usage';
