import {
  AssociateKmsKeyCommand,
  CreateLogGroupCommand,
  DeleteLogGroupCommand,
  DeleteRetentionPolicyCommand,
  DisassociateKmsKeyCommand,
  PutRetentionPolicyCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_EXISTS, ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { tagChanges } from '../shared/tags';
import type { LogGroupSpec } from '../specs';

const REPLACE = new Set(['name']);

function arn(ctx: ApplyContext, name: string): string {
  return `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${name}`;
}

async function setRetention(ctx: ApplyContext, spec: LogGroupSpec): Promise<void> {
  if (spec.retentionInDays === undefined) {
    await ctx.clients.logs.send(new DeleteRetentionPolicyCommand({ logGroupName: spec.name }));
  } else {
    await ctx.clients.logs.send(
      new PutRetentionPolicyCommand({ logGroupName: spec.name, retentionInDays: spec.retentionInDays }),
    );
  }
}

/** Log groups: retention, KMS key and tags change in place; a new name is a new group. */
export const logGroupHandler: KindHandler<'logGroup'> = {
  kind: 'logGroup',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  async create(ctx, spec) {
    const created = await unlessAlready(ALREADY_EXISTS, () =>
      ctx.clients.logs.send(
        new CreateLogGroupCommand({ logGroupName: spec.name, kmsKeyId: spec.kmsKeyId, tags: { ...spec.tags } }),
      ),
    );
    // Made by an earlier attempt whose answer was lost: make sure the tags are there too.
    if (!created)
      await ctx.clients.logs.send(new TagResourceCommand({ resourceArn: arn(ctx, spec.name), tags: { ...spec.tags } }));
    if (spec.retentionInDays !== undefined) await setRetention(ctx, spec);
  },
  async update(ctx, before, after) {
    // Tags first: adopting marks the group as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0)
      await ctx.clients.logs.send(new TagResourceCommand({ resourceArn: arn(ctx, after.name), tags: set }));
    if (remove.length > 0)
      await ctx.clients.logs.send(new UntagResourceCommand({ resourceArn: arn(ctx, after.name), tagKeys: remove }));
    if (before.retentionInDays !== after.retentionInDays) await setRetention(ctx, after);
    if (before.kmsKeyId !== after.kmsKeyId) {
      if (after.kmsKeyId)
        await ctx.clients.logs.send(new AssociateKmsKeyCommand({ logGroupName: after.name, kmsKeyId: after.kmsKeyId }));
      else await ctx.clients.logs.send(new DisassociateKmsKeyCommand({ logGroupName: after.name }));
    }
  },
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.logs.send(new DeleteLogGroupCommand({ logGroupName: spec.name })),
    );
  },
};
