import { ListTagsForResourceCommand as ListAlarmTags } from '@aws-sdk/client-cloudwatch';
import { ListTagsForResourceCommand as ListLogTags } from '@aws-sdk/client-cloudwatch-logs';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListTagsForResourceCommand as ListTopicTags } from '@aws-sdk/client-sns';
import { OWNER_TAG, type Tags } from '../model';
import type { AwsClients } from './clients';
import { paged } from './paging';

/** How tags are read: one paged account-wide listing, or one call per resource. */
export type TagSource = 'tagging-api' | 'per-resource';

const toRecord = (list: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/** What the services answer for a resource deleted between the listing and the tag read. */
const GONE = new Set(['ResourceNotFoundException', 'ResourceNotFound', 'NotFoundException', 'NotFound']);

/**
 * Tags of one resource by ARN, or undefined when it was deleted since it was listed (it happens for
 * real: an alarm deleted during a read): a resource that is gone is not live.
 */
export async function tagsOrGone(clients: AwsClients, arn: string): Promise<Tags | undefined> {
  try {
    return await tagsOf(clients, arn);
  } catch (err) {
    if (GONE.has((err as { name?: string }).name ?? '')) return undefined;
    throw err;
  }
}

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
 * 100: the batch read that keeps a plan at a handful of calls whatever the stack's size. The
 * resource types come from the kinds' readers.
 */
export async function taggedByAnyStack(
  clients: AwsClients,
  resourceTypes: readonly string[],
): Promise<Map<string, Tags>> {
  const out = new Map<string, Tags>();
  // No type filter would list every tagged resource of every service: nothing to read then.
  if (resourceTypes.length === 0) return out;
  const pages = paginateGetResources(paged(clients.tagging, 100), {
    TagFilters: [{ Key: OWNER_TAG }],
    ResourceTypeFilters: [...resourceTypes],
  });
  for await (const page of pages)
    for (const r of page.ResourceTagMappingList ?? [])
      if (r.ResourceARN) out.set(r.ResourceARN.replace(/:\*$/, ''), toRecord(r.Tags));
  return out;
}
