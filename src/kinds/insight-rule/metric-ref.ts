/**
 * `INSIGHT_RULE_METRIC(ruleName, metric)` in an alarm's metric math: the alarm reads a Contributor
 * Insights rule's time series. The rule must be one of the stack's (checked once every file is read,
 * as any reference), the metric one the function knows, and the alarm is made after the rule.
 */
import type { ResourceKey } from '../../model';
import type { PathSegment } from '../../shared/source-types';
import { didYouMean } from '../../shared/suggest';
import { patternLocation } from '../metric-filter/pattern-location';
import type { BuildContext } from '../build';

/** The metrics INSIGHT_RULE_METRIC gives (CloudWatch's metric math functions; GetInsightRuleReport's Metrics). */
export const INSIGHT_RULE_METRICS: readonly string[] = [
  'UniqueContributors',
  'MaxContributorValue',
  'SampleCount',
  'Sum',
  'Minimum',
  'Maximum',
  'Average',
];

/** One use of the function in an expression, with where its arguments start. */
export interface InsightRuleRef {
  readonly rule: string;
  readonly ruleOffset: number;
  readonly metric: string;
  readonly metricOffset: number;
}

// Each argument quoted (' or ") or bare, as CloudWatch accepts both.
const CALL =
  /INSIGHT_RULE_METRIC\s*\(\s*(?:'([^']*)'|"([^"]*)"|([^\s,()'"]+))\s*,\s*(?:'([^']*)'|"([^"]*)"|([^\s,()'"]+))\s*\)/gi;

/** Every INSIGHT_RULE_METRIC call in a metric-math expression. */
export function insightRuleRefs(expression: string): InsightRuleRef[] {
  const out: InsightRuleRef[] = [];
  for (const m of expression.matchAll(CALL)) {
    const text = m[0];
    const start = m.index ?? 0;
    const rule = m[1] ?? m[2] ?? m[3] ?? '';
    const metric = m[4] ?? m[5] ?? m[6] ?? '';
    const open = text.indexOf('(');
    const ruleAt = text.indexOf(rule, open);
    const comma = text.indexOf(',', ruleAt + rule.length);
    out.push({
      rule,
      ruleOffset: start + ruleAt,
      metric,
      metricOffset: start + text.indexOf(metric, comma),
    });
  }
  return out;
}

/** Records the rules an alarm's expression reads as references, and refuses a metric the function does not give. */
export function checkInsightRuleRefs(ctx: BuildContext, expression: string, path: PathSegment[]): void {
  for (const ref of insightRuleRefs(expression)) {
    ctx.reference({
      kind: 'insightRule',
      name: ref.rule,
      location: patternLocation(ctx.src, path, expression, ref.ruleOffset),
    });
    if (!INSIGHT_RULE_METRICS.includes(ref.metric))
      ctx.error(
        'BAD_INSIGHT_RULE',
        `INSIGHT_RULE_METRIC gives ${INSIGHT_RULE_METRICS.join(', ')}; not ${JSON.stringify(ref.metric)}${didYouMean(ref.metric, INSIGHT_RULE_METRICS)}`,
        patternLocation(ctx.src, path, expression, ref.metricOffset),
      );
  }
}

/** The rules a set of expressions reads, as keys: an alarm on a rule is made after it. */
export function insightRuleKeys(expressions: readonly (string | undefined)[], region: string): ResourceKey[] {
  const names = new Set(expressions.flatMap((e) => (e === undefined ? [] : insightRuleRefs(e).map((r) => r.rule))));
  return [...names].map((name) => ({ kind: 'insightRule', region, name }));
}
