import { DescribeInsightRulesCommand, type DescribeInsightRulesCommandOutput } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { AwsCallError } from '../../aws/call-error';
import { OWNER_TAG, type LiveResource } from '../../model';
import type { KindReader } from '../reader';
import { insightRuleArn } from './arn';
import { normalizeDefinition } from './definition';
import type { InsightRuleSpec } from './spec';

/**
 * An endpoint that does not know the call at all: an emulator (ministack answers "Unknown action"),
 * never AWS, which always answers in its own protocol. It holds no rules, so every other kind can
 * still be planned there (docs/emulators.md).
 */
function unknownAction(err: unknown): boolean {
  if (err instanceof AwsCallError && err.answer === 'html') return true;
  const e = err as { name?: string; message?: string };
  return (
    /^(InvalidAction|InvalidOperationException|UnknownOperationException)$/.test(e.name ?? '') &&
    /unknown action|unknown operation|not (implemented|supported|valid)/i.test(e.message ?? '')
  );
}

/**
 * Every rule of the region but AWS's managed ones (which belong to the services that made them),
 * 500 per page (DescribeInsightRules has no paginator in the SDK).
 */
export async function readInsightRules(cloudwatch: CloudWatchClient): Promise<Omit<InsightRuleSpec, 'tags'>[]> {
  const out: Omit<InsightRuleSpec, 'tags'>[] = [];
  let NextToken: string | undefined;
  do {
    let page: DescribeInsightRulesCommandOutput | undefined;
    try {
      page = await cloudwatch.send(new DescribeInsightRulesCommand({ MaxResults: 500, NextToken }));
    } catch (err) {
      if (!unknownAction(err)) throw err;
    }
    for (const r of page?.InsightRules ?? []) {
      if (!r.Name || r.ManagedRule) continue;
      out.push({
        kind: 'insightRule',
        name: r.Name,
        enabled: r.State !== 'DISABLED',
        definition: normalizeDefinition(r.Definition ?? ''),
        onTransformedLogs: r.ApplyOnTransformedLogs ?? false,
      });
    }
    NextToken = page?.NextToken;
  } while (NextToken);
  return out;
}

/** Contributor Insights rules: owned by tag (on the rule's ARN), in scope when the files declare the name. */
export const insightRuleReader: KindReader = {
  kinds: ['insightRule'],
  taggingTypes: ['cloudwatch:insight-rule'],
  async list(clients) {
    const rules = await readInsightRules(clients.cloudwatch);
    const region = await clients.cloudwatch.config.region();
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const declared = ctx.declared('insightRules');
      await ctx.each(rules, async (r) => {
        const isDeclared = declared.has(r.name);
        const arn = insightRuleArn(region, ctx.accountId, r.name);
        const tags = await ctx.tagsIfInScope(arn, isDeclared);
        if (ctx.inScope(tags, isDeclared))
          resources.push({ spec: { ...r, tags }, arn, ...ctx.ownership(tags[OWNER_TAG]) });
      });
      return { resources };
    };
  },
};
