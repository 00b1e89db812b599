import { GetTopicAttributesCommand, paginateListTopics } from '@aws-sdk/client-sns';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import type { KindReader } from '../reader';
import type { TopicSpec } from '../specs';

/** The ARN of every topic in the region. */
export async function listTopicArns(clients: AwsClients): Promise<string[]> {
  const out: string[] = [];
  for await (const page of paginateListTopics(paged(clients.sns), {}))
    for (const t of page.Topics ?? []) if (t.TopicArn) out.push(t.TopicArn);
  return out;
}

/** A topic's attributes as a spec (tags are read elsewhere). */
export async function readTopic(clients: AwsClients, arn: string): Promise<Omit<TopicSpec, 'tags'>> {
  const { Attributes: a = {} } = await clients.sns.send(new GetTopicAttributesCommand({ TopicArn: arn }));
  const name = arn.slice(arn.lastIndexOf(':') + 1);
  return {
    kind: 'topic',
    name,
    displayName: blankToUndefined(a.DisplayName),
    kmsMasterKeyId: blankToUndefined(a.KmsMasterKeyId),
    fifo: a.FifoTopic === 'true' || name.endsWith('.fifo'),
  };
}

/** Topics: owned by tag, in scope when the files declare the name; attributes read only for those. */
export const topicReader: KindReader = {
  kinds: ['topic'],
  taggingTypes: ['sns'],
  async list(clients) {
    const arns = await listTopicArns(clients);
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const declared = ctx.declared('topics');
      await ctx.each(arns, async (arn) => {
        const isDeclared = declared.has(arn.slice(arn.lastIndexOf(':') + 1));
        const tags = await ctx.tagsIfInScope(arn, isDeclared);
        if (!ctx.inScope(tags, isDeclared)) return;
        resources.push({
          spec: { ...(await readTopic(ctx.clients, arn)), tags },
          arn,
          ...ctx.ownership(tags[OWNER_TAG]),
        });
      });
      return { resources };
    };
  },
};
