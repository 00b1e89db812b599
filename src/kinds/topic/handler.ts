import {
  CreateTopicCommand,
  DeleteTopicCommand,
  SetTopicAttributesCommand,
  TagResourceCommand,
  UntagResourceCommand,
} from '@aws-sdk/client-sns';
import { fieldDiffs } from '../shared/field-diff';
import type { ApplyContext, KindHandler } from '../handler';
import { tagChanges, tagList } from '../shared/tags';
import type { TopicSpec } from '../specs';

const REPLACE = new Set(['name', 'fifo']);

/** The ARN of a topic in this account and region. */
export function topicArn(ctx: ApplyContext, name: string): string {
  return `arn:aws:sns:${ctx.region}:${ctx.accountId}:${name}`;
}

/** SNS topics: display name, KMS key and tags change in place; FIFO-ness cannot. */
export const topicHandler: KindHandler<'topic'> = {
  kind: 'topic',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  async create(ctx, spec: TopicSpec) {
    const Attributes: Record<string, string> = {};
    if (spec.displayName !== undefined) Attributes.DisplayName = spec.displayName;
    if (spec.kmsMasterKeyId !== undefined) Attributes.KmsMasterKeyId = spec.kmsMasterKeyId;
    if (spec.fifo) Attributes.FifoTopic = 'true';
    const made = await ctx.clients.sns.send(
      new CreateTopicCommand({ Name: spec.name, Attributes, Tags: tagList(spec.tags) }),
    );
    return made.TopicArn;
  },
  async update(ctx, before, after) {
    const TopicArn = topicArn(ctx, after.name);
    // Tags first: adopting marks the topic as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0)
      await ctx.clients.sns.send(new TagResourceCommand({ ResourceArn: TopicArn, Tags: tagList(set) }));
    if (remove.length > 0)
      await ctx.clients.sns.send(new UntagResourceCommand({ ResourceArn: TopicArn, TagKeys: remove }));
    const setAttribute = (AttributeName: string, AttributeValue: string | undefined) =>
      ctx.clients.sns.send(
        new SetTopicAttributesCommand({ TopicArn, AttributeName, AttributeValue: AttributeValue ?? '' }),
      );
    if (before.displayName !== after.displayName) await setAttribute('DisplayName', after.displayName);
    if (before.kmsMasterKeyId !== after.kmsMasterKeyId) await setAttribute('KmsMasterKeyId', after.kmsMasterKeyId);
  },
  async remove(ctx, spec) {
    await ctx.clients.sns.send(new DeleteTopicCommand({ TopicArn: topicArn(ctx, spec.name) }));
  },
};
