import { ListTagsForResourceCommand as ListAlarmTags } from '@aws-sdk/client-cloudwatch';
import { ListTagsForResourceCommand as ListLogTags } from '@aws-sdk/client-cloudwatch-logs';
import { GetResourcesCommand } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListTagsForResourceCommand as ListTopicTags } from '@aws-sdk/client-sns';
import { OWNER_TAG, type Tags } from '../model';
import type { AwsClients } from './clients';

/** How tags are read: one paged account-wide listing, or one call per resource. */
export type TagSource = 'tagging-api' | 'per-resource';

const toRecord = (list: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/** Tags of one resource by ARN, with the service's own API. */
export async function tagsOf(clients: AwsClients, arn: string): Promise<Tags> {
  const service = arn.split(':')[2];
  if (service === 'cloudwatch')
    return toRecord((await clients.cloudwatch.send(new ListAlarmTags({ ResourceARN: arn }))).Tags);
  if (service === 'logs') return { ...((await clients.logs.send(new ListLogTags({ resourceArn: arn }))).tags ?? {}) };
  if (service === 'sns') return toRecord((await clients.sns.send(new ListTopicTags({ ResourceArn: arn }))).Tags);
  throw new Error(`no tag reader for ${arn}`);
}

/**
 * Tags of every resource in the account that carries an ownership tag (any stack's), in pages of
 * 100: the batch read that keeps a plan at a handful of calls whatever the stack's size.
 */
export async function taggedByAnyStack(clients: AwsClients): Promise<Map<string, Tags>> {
  const out = new Map<string, Tags>();
  let PaginationToken: string | undefined;
  do {
    const page = await clients.tagging.send(
      new GetResourcesCommand({
        TagFilters: [{ Key: OWNER_TAG }],
        ResourceTypeFilters: ['cloudwatch:alarm', 'logs:log-group', 'sns'],
        ResourcesPerPage: 100,
        PaginationToken,
      }),
    );
    for (const r of page.ResourceTagMappingList ?? [])
      if (r.ResourceARN) out.set(r.ResourceARN.replace(/:\*$/, ''), toRecord(r.Tags));
    PaginationToken = page.PaginationToken || undefined;
  } while (PaginationToken);
  return out;
}
