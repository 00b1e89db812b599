import { paginateDescribeLogGroups } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import type { KindReader } from '../reader';
import type { LogGroupSpec } from '../specs';

/** A live log group before tags are known. */
export interface LiveLogGroup {
  /** Without the trailing ":*" that DescribeLogGroups adds: the form tagging APIs use. */
  readonly arn: string;
  readonly spec: Omit<LogGroupSpec, 'tags'>;
}

/** Every log group in the region, 50 per page. */
export async function readLogGroups(clients: AwsClients): Promise<LiveLogGroup[]> {
  const out: LiveLogGroup[] = [];
  for await (const page of paginateDescribeLogGroups(paged(clients.logs, 50), {})) {
    for (const g of page.logGroups ?? []) {
      out.push({
        arn: (g.arn ?? '').replace(/:\*$/, ''),
        spec: {
          kind: 'logGroup',
          name: g.logGroupName ?? '',
          retentionInDays: g.retentionInDays,
          kmsKeyId: blankToUndefined(g.kmsKeyId),
        },
      });
    }
  }
  return out;
}

/** Log groups: owned by tag, in scope when the files declare the name. */
export const logGroupReader: KindReader = {
  kinds: ['logGroup'],
  taggingTypes: ['logs:log-group'],
  async list(clients) {
    const groups = await readLogGroups(clients);
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const declared = ctx.declared('logGroups');
      await ctx.each(groups, async (g) => {
        const isDeclared = declared.has(g.spec.name);
        const tags = await ctx.tagsIfInScope(g.arn, isDeclared);
        if (ctx.inScope(tags, isDeclared))
          resources.push({ spec: { ...g.spec, tags }, arn: g.arn, ...ctx.ownership(tags[OWNER_TAG]) });
      });
      return { resources };
    };
  },
};
