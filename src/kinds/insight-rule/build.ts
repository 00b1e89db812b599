import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { canonicalDefinition } from './definition';
import { INSIGHT_RULE_FIELDS } from './fields';
import { checkRule, definitionProblem, type RawRule } from './syntax';

/** A `contributorInsights:` entry as the schema lets it through. */
export interface RawInsightRule {
  readonly name: string;
  readonly enabled?: boolean;
  readonly onTransformedLogs?: boolean;
  readonly rule: RawRule;
  readonly tags?: Record<string, string>;
}

function build(ctx: BuildContext, r: RawInsightRule, path: PathSegment[]): void {
  const rulePath: PathSegment[] = [...path, 'rule'];
  for (const problem of checkRule(r.rule))
    ctx.error(
      'BAD_INSIGHT_RULE',
      `Contributor Insights rule: ${problem.message}`,
      ctx.at([...rulePath, ...problem.path]),
    );
  const definition = canonicalDefinition(r.rule as unknown as Record<string, unknown>);
  const tooBig = definitionProblem(definition);
  if (tooBig) ctx.error('LIMIT_EXCEEDED', `Contributor Insights rule: ${tooBig}`, ctx.at(rulePath));
  ctx.push(
    {
      spec: {
        kind: 'insightRule',
        name: r.name,
        enabled: r.enabled ?? true,
        definition,
        onTransformedLogs: r.onTransformedLogs ?? false,
        tags: ctx.tagsFor(r.tags, path),
      },
      source: ctx.at(path),
    },
    INSIGHT_RULE_FIELDS,
    path,
  );
}

/** `contributorInsights:`: Contributor Insights rules, each in AWS's own rule syntax under `rule:`. */
export const contributorInsightsForm: YamlForm = {
  key: 'contributorInsights',
  build(ctx, raw) {
    (raw.contributorInsights as RawInsightRule[] | undefined)?.forEach((r, i) =>
      build(ctx, r, ['contributorInsights', i]),
    );
  },
};
