import { GetQueueAttributesCommand, ListQueueTagsCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { FORWARDER_PREFIX } from '../forwarder-function/names';
import type { KindReader } from '../reader';
import { NO_QUEUE } from './handler';

/**
 * Forwarder failure queues: listed by the monitors- name prefix (SQS filters server-side), in pages
 * of 1,000; owned by tag (ListQueueTags per candidate), in scope when owned or declared.
 */
export const forwarderQueueReader: KindReader = {
  kinds: ['forwarderQueue'],
  async list(clients: AwsClients) {
    const urls: string[] = [];
    for await (const page of paginateListQueues(paged(clients.sqs, 1000), { QueueNamePrefix: FORWARDER_PREFIX }))
      urls.push(...(page.QueueUrls ?? []));
    return async (ctx) => {
      const declared = ctx.declared('forwarderQueues');
      const resources: LiveResource[] = [];
      await ctx.each(urls, async (QueueUrl) => {
        const name = QueueUrl.slice(QueueUrl.lastIndexOf('/') + 1);
        try {
          const tags = (await ctx.clients.sqs.send(new ListQueueTagsCommand({ QueueUrl }))).Tags ?? {};
          if (!ctx.inScope(tags, declared.has(name))) return;
          const { Attributes: a = {} } = await ctx.clients.sqs.send(
            new GetQueueAttributesCommand({ QueueUrl, AttributeNames: ['QueueArn', 'MessageRetentionPeriod'] }),
          );
          resources.push({
            spec: {
              kind: 'forwarderQueue',
              name,
              messageRetentionSeconds: Number(a.MessageRetentionPeriod ?? 345600),
              tags: { ...tags },
            },
            arn: a.QueueArn,
            ...ctx.ownership(tags[OWNER_TAG]),
          });
        } catch (err) {
          // Deleted between the listing and the read (a deleted queue stays listed for a minute).
          if (err instanceof Error && NO_QUEUE.includes(err.name)) return;
          throw err;
        }
      });
      return { resources };
    };
  },
};
