import {
  OWNER_TAG,
  filterOwner,
  subscriptionMark,
  unmanagedMarks,
  type LiveResource,
  type LiveState,
  type ResourceKind,
  type Tags,
} from '../model';
import { mapLimit } from '../apply/concurrency';
import type { AwsClients } from './clients';
import { readAlarms } from './read-cloudwatch';
import { readLogGroups, readMetricFilters } from './read-logs';
import { listSubscriptions, listTopicArns, readSubscription, readTopic } from './read-sns';
import { taggedByAnyStack, tagsOf, type TagSource } from './read-tags';

/** What the reader needs to know about the stack. */
export interface ReadOptions {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly tagSource: TagSource;
  /** Names the files declare: unowned resources with these names are read, for adopt and conflicts. */
  readonly declared: {
    readonly logGroups: readonly string[];
    readonly alarms: readonly string[];
    readonly topics: readonly string[];
    /** Log groups the files put metric filters on: other filters there are read for double counting. */
    readonly filterLogGroups?: readonly string[];
  };
  /** Names the stack had before: what they own counts as this stack's (stack.formerNames). */
  readonly formerNames?: readonly string[];
  /** Read only these kinds (apply's re-check reads what it touches); all when absent. */
  readonly kinds?: ReadonlySet<ResourceKind>;
}

interface Ownership {
  readonly owned: boolean;
  readonly ownerStack?: string;
  readonly formerOwner?: string;
}

function ownershipOf(owner: string | undefined, stack: string, formerNames: readonly string[]): Ownership {
  if (owner === stack) return { owned: true };
  if (owner !== undefined && formerNames.includes(owner)) return { owned: true, formerOwner: owner };
  return { owned: false, ownerStack: owner };
}

/**
 * The live state in scope for one stack: everything it owns, plus unowned resources whose names the
 * files declare. Everything else in the account is never read past its listing.
 */
export async function readLiveState(clients: AwsClients, options: ReadOptions): Promise<LiveState> {
  const { stack } = options;
  const former = options.formerNames ?? [];
  const ownership = (tags: Tags): Ownership => ownershipOf(tags[OWNER_TAG], stack, former);
  const wants = (...kinds: ResourceKind[]) => !options.kinds || kinds.some((k) => options.kinds?.has(k));
  const none = Promise.resolve([]);
  const [alarms, groups, filters, topicArns, subscriptions, tagged] = await Promise.all([
    wants('metricAlarm', 'compositeAlarm') ? readAlarms(clients) : none,
    wants('logGroup') ? readLogGroups(clients) : none,
    wants('metricFilter') ? readMetricFilters(clients) : none,
    // A subscription's owner is its topic's: reading subscriptions needs the topics too.
    wants('topic', 'subscription') ? listTopicArns(clients) : none,
    wants('subscription') ? listSubscriptions(clients) : none,
    options.tagSource === 'tagging-api' ? taggedByAnyStack(clients) : Promise.resolve(undefined),
  ]);

  const declared = {
    alarms: new Set(options.declared.alarms),
    logGroups: new Set(options.declared.logGroups),
    topics: new Set(options.declared.topics),
  };
  // With the tagging API, tags are already known for every stack-tagged resource; only declared names
  // it did not return (unowned look-alikes) cost a call. Per resource, everything does.
  const tagsIfInScope = async (arn: string, declaredName: boolean): Promise<Tags | undefined> => {
    if (tagged) {
      const known = tagged.get(arn);
      if (known) return known;
      return declaredName ? tagsOf(clients, arn) : undefined;
    }
    return tagsOf(clients, arn);
  };
  const inScope = (tags: Tags | undefined, declaredName: boolean): tags is Tags =>
    tags !== undefined && (ownership(tags).owned || declaredName);

  const resources: LiveResource[] = [];
  await mapLimit(alarms, 8, async (a) => {
    const isDeclared = declared.alarms.has(a.spec.name);
    const tags = await tagsIfInScope(a.arn, isDeclared);
    if (inScope(tags, isDeclared))
      resources.push({ spec: { ...a.spec, tags } as LiveResource['spec'], arn: a.arn, ...ownership(tags) });
  });
  await mapLimit(groups, 8, async (g) => {
    const isDeclared = declared.logGroups.has(g.spec.name);
    const tags = await tagsIfInScope(g.arn, isDeclared);
    if (inScope(tags, isDeclared)) resources.push({ spec: { ...g.spec, tags }, arn: g.arn, ...ownership(tags) });
  });
  const filterGroups = new Set(options.declared.filterLogGroups ?? []);
  const otherFilters = [];
  for (const f of filters) {
    const own = ownershipOf(filterOwner(f.filterName), stack, former);
    if (own.owned) resources.push({ spec: f, ...own });
    else if (filterGroups.has(f.logGroupName)) otherFilters.push(f);
  }
  const topicsInScope = new Map<string, { own: Ownership; unmanaged: Set<string> }>();
  await mapLimit(topicArns, 8, async (arn) => {
    const isDeclared = declared.topics.has(arn.slice(arn.lastIndexOf(':') + 1));
    const tags = await tagsIfInScope(arn, isDeclared);
    if (!inScope(tags, isDeclared)) return;
    const own = ownership(tags);
    topicsInScope.set(arn, { own, unmanaged: unmanagedMarks(tags) });
    resources.push({ spec: { ...(await readTopic(clients, arn)), tags }, arn, ...own });
  });
  await mapLimit(
    subscriptions.filter((s) => topicsInScope.has(s.topicArn)),
    8,
    async (s) => {
      const topic = topicsInScope.get(s.topicArn) as { own: Ownership; unmanaged: Set<string> };
      // Kept unmanaged when its topic was adopted (see ownership.ts): never this stack's to delete.
      const own = !s.pending && topic.unmanaged.has(subscriptionMark(s.arn)) ? { owned: false } : topic.own;
      resources.push({
        spec: await readSubscription(clients, s),
        arn: s.pending ? undefined : s.arn,
        ...own,
        pendingConfirmation: s.pending,
      });
    },
  );
  return { region: options.region, accountId: options.accountId, resources, otherFilters };
}
