import {
  DeleteInsightRulesCommand,
  DisableInsightRulesCommand,
  EnableInsightRulesCommand,
  PutInsightRuleCommand,
  TagResourceCommand,
  UntagResourceCommand,
  type PartialFailure,
} from '@aws-sdk/client-cloudwatch';
import { MonitorsError, type ResourceKey } from '../../model';
import { fieldDiffs } from '../shared/field-diff';
import type { ApplyContext, KindHandler } from '../handler';
import { tagChanges, tagList } from '../shared/tags';
import { insightRuleArn } from './arn';
import { definitionObject } from './definition';
import type { InsightRuleSpec } from './spec';

const REPLACE = new Set(['name']);

/** The calls on several names answer per name in Failures: a rule already gone is done; anything else fails the change. */
function failed(
  call: string,
  name: string,
  failures: readonly PartialFailure[] | undefined,
  goneIsDone: boolean,
): void {
  const f = failures?.find((x) => x.FailureResource === undefined || x.FailureResource === name);
  if (!f) return;
  const text = `${f.ExceptionType ?? ''} ${f.FailureCode ?? ''} ${f.FailureDescription ?? ''}`;
  if (goneIsDone && /not ?found|does not exist/i.test(text)) return;
  throw new MonitorsError('AWS_SERVICE', `${call} for Contributor Insights rule ${name} failed: ${text.trim()}`);
}

/** PutInsightRule replaces the definition and state; AWS ignores its Tags when the rule exists (TagResource does those). */
async function put(ctx: ApplyContext, spec: InsightRuleSpec, withTags: boolean): Promise<void> {
  await ctx.clients.cloudwatch.send(
    new PutInsightRuleCommand({
      RuleName: spec.name,
      RuleState: spec.enabled ? 'ENABLED' : 'DISABLED',
      RuleDefinition: spec.definition,
      ApplyOnTransformedLogs: spec.onTransformedLogs,
      ...(withTags ? { Tags: tagList(spec.tags) } : {}),
    }),
  );
}

async function setState(ctx: ApplyContext, spec: InsightRuleSpec): Promise<void> {
  const input = { RuleNames: [spec.name] };
  const out = spec.enabled
    ? await ctx.clients.cloudwatch.send(new EnableInsightRulesCommand(input))
    : await ctx.clients.cloudwatch.send(new DisableInsightRulesCommand(input));
  failed(spec.enabled ? 'EnableInsightRules' : 'DisableInsightRules', spec.name, out?.Failures, false);
}

/** The log groups of the stack a rule names exactly (not by a * prefix): made first, so the rule has them from its start. */
function logGroupKeys(spec: InsightRuleSpec, region: string): ResourceKey[] {
  const names = definitionObject(spec.definition)?.LogGroupNames;
  if (!Array.isArray(names)) return [];
  return names
    .filter((n): n is string => typeof n === 'string' && !n.endsWith('*'))
    .map((name) => ({ kind: 'logGroup', region, name }));
}

/**
 * Contributor Insights rules: the definition and state change in place (PutInsightRule, or
 * Enable/DisableInsightRules when only the state moves); tags through TagResource on the rule's ARN.
 */
export const insightRuleHandler: KindHandler<'insightRule'> = {
  kind: 'insightRule',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: logGroupKeys,
  create: (ctx, spec) => put(ctx, spec, true),
  async update(ctx, before, after, diffs) {
    // Tags first: adopting marks the rule as ours before changing it, which a tag-scoped IAM policy requires.
    const arn = insightRuleArn(ctx.region, ctx.accountId, after.name);
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0)
      await ctx.clients.cloudwatch.send(new TagResourceCommand({ ResourceARN: arn, Tags: tagList(set) }));
    if (remove.length > 0)
      await ctx.clients.cloudwatch.send(new UntagResourceCommand({ ResourceARN: arn, TagKeys: remove }));
    // Put replaces the definition and the transformed-logs switch (and sets the state); a state alone has calls of its own.
    if (diffs.some((d) => d.path === 'definition' || d.path === 'onTransformedLogs')) await put(ctx, after, false);
    else if (before.enabled !== after.enabled) await setState(ctx, after);
  },
  async remove(ctx, spec) {
    const out = await ctx.clients.cloudwatch.send(new DeleteInsightRulesCommand({ RuleNames: [spec.name] }));
    failed('DeleteInsightRules', spec.name, out?.Failures, true);
  },
};
