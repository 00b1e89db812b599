import { ListTagsCommand, paginateListFunctions } from '@aws-sdk/client-lambda';
import { paginateGetResources } from '@aws-sdk/client-resource-groups-tagging-api';
import { GetQueueAttributesCommand, ListQueueTagsCommand, paginateListQueues } from '@aws-sdk/client-sqs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import type { TagSource } from '../../aws/read-tags';
import type { Tags } from '../../model';
import { servicePack } from './catalog';
import type { PackDeclaration, PackSelection } from './declaration';
import type { PackDiscovery } from './expand';
import type { DiscoveredResource, ServicePack } from './types';

/** The clients discovery reads with: each is paced and counted (aws/clients.ts). */
export type DiscoveryClients = Pick<AwsClients, 'lambda' | 'sqs' | 'tagging'>;

/** SQS's quota of in-flight messages per queue (the SQS developer guide's quotas page). */
const IN_FLIGHT_QUOTA = { standard: 120_000, fifo: 20_000 };
/** Per-resource reads in flight at once; the rate limiter paces them under AWS's quotas besides. */
const IN_FLIGHT = 8;

async function eachLimited<T, R>(items: readonly T[], fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(IN_FLIGHT, items.length) }, worker));
  return out;
}

const record = (list: readonly { Key?: string; Value?: string }[] | undefined): Tags =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/** Whether a name passes the selection's names and prefix (tags are checked once read). */
const nameMatches = (select: PackSelection, name: string) =>
  (!select.names || select.names.includes(name)) && (select.prefix === undefined || name.startsWith(select.prefix));

/** Tagged resources of one type, with their tags, from the Resource Groups Tagging API (pages of 100). */
async function viaTaggingApi(clients: DiscoveryClients, resourceType: string, tags: Tags | undefined) {
  const out: DiscoveredResource[] = [];
  const pages = paginateGetResources(paged(clients.tagging, 100), {
    ResourceTypeFilters: [resourceType],
    ...(tags ? { TagFilters: Object.entries(tags).map(([Key, Value]) => ({ Key, Values: [Value] })) } : {}),
  });
  for await (const page of pages)
    for (const r of page.ResourceTagMappingList ?? [])
      if (r.ResourceARN) out.push({ arn: r.ResourceARN, tags: record(r.Tags), attributes: {} });
  return out;
}

/** Lambda functions (ListFunctions, pages of 50) with their timeout; tags by ListTags or the tagging API. */
async function lambdaFunctions(
  clients: DiscoveryClients,
  pack: ServicePack,
  select: PackSelection,
  tagSource: TagSource,
): Promise<DiscoveredResource[]> {
  const found: { arn: string; timeoutMs: number }[] = [];
  for await (const page of paginateListFunctions(paged(clients.lambda, 50), {}))
    for (const f of page.Functions ?? [])
      if (f.FunctionArn && nameMatches(select, pack.name(f.FunctionArn)))
        found.push({ arn: f.FunctionArn, timeoutMs: (f.Timeout ?? 3) * 1000 });
  const tags = await tagsFor(
    clients,
    found.map((f) => f.arn),
    select,
    tagSource,
    'lambda:function',
    async (arn) => (await clients.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags ?? {},
  );
  return found.map((f) => ({ arn: f.arn, tags: tags.get(f.arn) ?? {}, attributes: { timeoutMs: f.timeoutMs } }));
}

/** SQS queues (ListQueues, pages of 1000) with their ARN, retention and kind; tags by ListQueueTags or the tagging API. */
async function sqsQueues(
  clients: DiscoveryClients,
  select: PackSelection,
  tagSource: TagSource,
): Promise<DiscoveredResource[]> {
  const urls: string[] = [];
  for await (const page of paginateListQueues(paged(clients.sqs, 1000), {
    ...(select.prefix !== undefined ? { QueueNamePrefix: select.prefix } : {}),
  }))
    for (const url of page.QueueUrls ?? [])
      if (nameMatches(select, url.slice(url.lastIndexOf('/') + 1))) urls.push(url);
  const queues = await eachLimited(urls, async (url) => {
    const a =
      (
        await clients.sqs.send(
          new GetQueueAttributesCommand({
            QueueUrl: url,
            AttributeNames: ['QueueArn', 'MessageRetentionPeriod', 'FifoQueue'],
          }),
        )
      ).Attributes ?? {};
    const fifo = a.FifoQueue === 'true';
    return {
      url,
      arn: a.QueueArn ?? '',
      attributes: {
        retentionSeconds: Number(a.MessageRetentionPeriod ?? 345600),
        inFlightQuota: fifo ? IN_FLIGHT_QUOTA.fifo : IN_FLIGHT_QUOTA.standard,
      },
    };
  });
  const byArn = new Map(queues.map((q) => [q.arn, q.url]));
  const tags = await tagsFor(
    clients,
    [...byArn.keys()],
    select,
    tagSource,
    'sqs',
    async (arn) =>
      (await clients.sqs.send(new ListQueueTagsCommand({ QueueUrl: byArn.get(arn) as string }))).Tags ?? {},
  );
  return queues.map((q) => ({ arn: q.arn, tags: tags.get(q.arn) ?? {}, attributes: q.attributes }));
}

/**
 * Tags of the candidates, read only when the selection asks for tags: one tagging-API listing, or
 * one call per candidate (the emulator serves no tagging API for these services).
 */
async function tagsFor(
  clients: DiscoveryClients,
  arns: readonly string[],
  select: PackSelection,
  tagSource: TagSource,
  resourceType: string,
  perResource: (arn: string) => Promise<Record<string, string>>,
): Promise<Map<string, Tags>> {
  if (!select.tags || arns.length === 0) return new Map();
  if (tagSource === 'tagging-api') {
    const listed = await viaTaggingApi(clients, resourceType, select.tags);
    return new Map(listed.map((r) => [r.arn, r.tags]));
  }
  const read = await eachLimited(arns, async (arn) => [arn, { ...(await perResource(arn)) }] as const);
  return new Map(read);
}

/** What one pack's service has that its selection may match. */
async function discoverOne(clients: DiscoveryClients, declared: PackDeclaration, tagSource: TagSource) {
  const pack = servicePack(declared.service);
  if (!pack) return [];
  switch (pack.discovery.via) {
    case 'lambda':
      return lambdaFunctions(clients, pack, declared.select, tagSource);
    case 'sqs':
      return sqsQueues(clients, declared.select, tagSource);
    case 'tagging-api':
      return viaTaggingApi(clients, pack.discovery.resourceType, declared.select.tags);
  }
}

/**
 * The plan's discovery read: for each pack, the resources of its service its selection may match,
 * with their tags and the attributes thresholds are read from. Only reads; the caller's clients pace
 * and count every call. expandPacks (pure) then makes the alarms.
 */
export async function discoverPacks(
  clients: DiscoveryClients,
  packs: readonly PackDeclaration[],
  tagSource: TagSource,
): Promise<PackDiscovery[]> {
  const out: PackDiscovery[] = [];
  for (const declared of packs) out.push({ resources: await discoverOne(clients, declared, tagSource) });
  return out;
}
