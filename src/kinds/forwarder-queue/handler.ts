import {
  CreateQueueCommand,
  DeleteQueueCommand,
  GetQueueUrlCommand,
  SetQueueAttributesCommand,
  TagQueueCommand,
  UntagQueueCommand,
} from '@aws-sdk/client-sqs';
import type { ApplyContext, KindHandler } from '../handler';
import { fieldDiffs } from '../shared/field-diff';
import { unlessAlready } from '../shared/idempotent';
import { tagChanges } from '../shared/tags';
import type { ForwarderQueueSpec } from '../specs';

const REPLACE = new Set(['name']);
/** What SQS answers for a queue that is not there (JSON and query protocols). */
export const NO_QUEUE = ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'NonExistentQueue'];

async function queueUrl(ctx: ApplyContext, name: string): Promise<string | undefined> {
  try {
    return (await ctx.clients.sqs.send(new GetQueueUrlCommand({ QueueName: name }))).QueueUrl;
  } catch (err) {
    if (err instanceof Error && NO_QUEUE.includes(err.name)) return undefined;
    throw err;
  }
}

const attributes = (spec: ForwarderQueueSpec) => ({ MessageRetentionPeriod: String(spec.messageRetentionSeconds) });

/** The forwarder's failure queue: retention and tags change in place. */
export const forwarderQueueHandler: KindHandler<'forwarderQueue'> = {
  kind: 'forwarderQueue',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  async create(ctx, spec) {
    // CreateQueue answers with the existing queue when its attributes match: idempotent by itself.
    const made = await ctx.clients.sqs.send(
      new CreateQueueCommand({ QueueName: spec.name, Attributes: attributes(spec), tags: { ...spec.tags } }),
    );
    return made.QueueUrl ? `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${spec.name}` : undefined;
  },
  async update(ctx, before, after) {
    const QueueUrl = await queueUrl(ctx, after.name);
    // Tags first: adopting marks the queue as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0) await ctx.clients.sqs.send(new TagQueueCommand({ QueueUrl, Tags: set }));
    if (remove.length > 0) await ctx.clients.sqs.send(new UntagQueueCommand({ QueueUrl, TagKeys: remove }));
    if (before.messageRetentionSeconds !== after.messageRetentionSeconds)
      await ctx.clients.sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: attributes(after) }));
  },
  async remove(ctx, spec) {
    const QueueUrl = await queueUrl(ctx, spec.name);
    if (QueueUrl === undefined) return;
    await unlessAlready(NO_QUEUE, () => ctx.clients.sqs.send(new DeleteQueueCommand({ QueueUrl })));
  },
};
