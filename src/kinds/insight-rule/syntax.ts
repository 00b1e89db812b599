/**
 * What the JSON Schema cannot say about a Contributor Insights rule (AWS's "Contributor Insights rule
 * syntax" page), checked before anything is sent: how fields are named in each log format, ValueOf
 * and AggregateOn together, one operator per filter, Fields only for CLF, and AWS's size of the whole.
 * Pure: returns every problem with the path (inside `rule`) it is at.
 */
import type { PathSegment } from '../../shared/source-types';
import { didYouMean } from '../../shared/suggest';
import { MAX_DEFINITION } from './definition';

/** A rule as the schema lets it through. */
export interface RawRule {
  readonly Schema?: { readonly Name: string; readonly Version: number };
  readonly LogGroupNames: readonly string[];
  readonly LogFormat: 'JSON' | 'CLF';
  readonly Fields?: Readonly<Record<string, string>>;
  readonly Contribution: {
    readonly Keys: readonly string[];
    readonly ValueOf?: string;
    readonly Filters?: readonly Readonly<Record<string, unknown>>[];
  };
  readonly AggregateOn: 'Count' | 'Sum';
}

export interface RuleProblem {
  /** Inside the rule (e.g. ['Contribution', 'Keys', 0]). */
  readonly path: readonly PathSegment[];
  readonly message: string;
}

/** The filter operators of the rule syntax. */
export const FILTER_OPERATORS: readonly string[] = [
  'In',
  'NotIn',
  'StartsWith',
  'GreaterThan',
  'LessThan',
  'EqualTo',
  'NotEqualTo',
  'IsPresent',
];

/** JSON property notation: $ then .name or [index] steps ($.userAgent, $.endpoints[0], $.users[1].name). */
const JSON_PROPERTY = /^\$(\.[^.[\]\s]+(\[\d+\])*)+$/;

function fieldProblem(rule: RawRule, field: string, what: string): string | undefined {
  if (rule.LogFormat === 'JSON') {
    if (JSON_PROPERTY.test(field)) return undefined;
    const fix = /^[A-Za-z_][^\s]*$/.test(field) ? `write $.${field}` : 'write it as $.name, $.a.b or $.list[0]';
    return `${what} ${JSON.stringify(field)} is not a JSON log field: ${fix}`;
  }
  if (/^[1-9][0-9]*$/.test(field)) return undefined;
  const names = Object.values(rule.Fields ?? {});
  if (names.includes(field)) return undefined;
  return `${what} ${JSON.stringify(field)} is neither a CLF field position (1, 2, …) nor a name given under Fields${didYouMean(field, names)}`;
}

/** Every problem with the rule the files write. */
export function checkRule(rule: RawRule): RuleProblem[] {
  const out: RuleProblem[] = [];
  if (rule.Fields !== undefined && rule.LogFormat !== 'CLF')
    out.push({
      path: ['Fields'],
      message: 'Fields names the positions of CLF log fields; with LogFormat: JSON leave it out',
    });
  const c = rule.Contribution;
  c.Keys.forEach((key, i) => {
    const problem = fieldProblem(rule, key, 'key');
    if (problem) out.push({ path: ['Contribution', 'Keys', i], message: problem });
  });
  if (c.ValueOf !== undefined) {
    const problem = fieldProblem(rule, c.ValueOf, 'ValueOf');
    if (problem) out.push({ path: ['Contribution', 'ValueOf'], message: problem });
    if (rule.AggregateOn !== 'Sum')
      out.push({
        path: ['Contribution', 'ValueOf'],
        message: 'ValueOf is summed per contributor only with AggregateOn: Sum; with Count, leave ValueOf out',
      });
  } else if (rule.AggregateOn === 'Sum')
    out.push({
      path: ['AggregateOn'],
      message: 'AggregateOn: Sum adds up a field: say which with Contribution.ValueOf',
    });
  (c.Filters ?? []).forEach((f, i) => {
    const at: PathSegment[] = ['Contribution', 'Filters', i];
    const ops = Object.keys(f).filter((k) => k !== 'Match');
    if (ops.length !== 1)
      out.push({
        path: at,
        message:
          ops.length === 0
            ? `a filter needs one operator besides Match: ${FILTER_OPERATORS.join(', ')}`
            : `a filter has exactly one operator, not ${ops.join(' and ')}: make each its own filter (filters are ANDed)`,
      });
    if (typeof f.Match === 'string') {
      const problem = fieldProblem(rule, f.Match, 'Match');
      if (problem) out.push({ path: [...at, 'Match'], message: problem });
    }
  });
  return out;
}

/** AWS's own limit on the text that is sent (canonicalDefinition escapes anything past ASCII). */
export function definitionProblem(definition: string): string | undefined {
  if (definition.length > MAX_DEFINITION)
    return `the rule is ${definition.length} characters as JSON; AWS allows at most ${MAX_DEFINITION}`;
  return undefined;
}
