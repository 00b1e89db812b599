import { READERS } from '../kinds';
import { kindInfo } from '../kinds/registry';
import type { DeclaredScope } from '../kinds/kind';
import type { KindReader, Ownership, ReadContext } from '../kinds/reader';
import {
  keyId,
  MonitorsError,
  OWNER_TAG,
  visible,
  type LiveResource,
  type LiveState,
  type ResourceKind,
  type Tags,
} from '../model';
import { KIND_LABEL, keyOf } from '../kinds/keys';
import { mapLimit } from '../apply/concurrency';
import type { AwsClients } from './clients';
import { taggedByAnyStack, tagsOrGone, type TagSource } from './read-tags';
import type { MetricFilterSpec } from '../kinds/specs';

/** What the reader needs to know about the stack. */
export interface ReadOptions {
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  readonly tagSource: TagSource;
  /** Names the files declare: unowned resources with these names are read, for adopt and conflicts. */
  readonly declared: { readonly [S in 'logGroups' | 'alarms' | 'topics']: readonly string[] } & {
    /** Log groups the files put metric filters on: other filters there are read for double counting. */
    readonly filterLogGroups?: readonly string[];
    /** The metric filters the files declare (kinds/metric-filter/kind.ts): unowned ones are read for adopt. */
    readonly filters?: readonly string[];
    /** The chat forwarder's names, when the files declare chat destinations. */
    readonly forwarderFunctions?: readonly string[];
    readonly forwarderRoles?: readonly string[];
    readonly forwarderQueues?: readonly string[];
    /** Subscription filters' Lambda destinations and roles (named in the IAM policy only). */
    readonly subscriptionFunctions?: readonly string[];
    readonly subscriptionRoles?: readonly string[];
    /** The anomaly detectors the files declare, by mark (kinds/anomaly-detector/names.ts). */
    readonly anomalyDetectors?: readonly string[];
  };
  /** Names the stack had before: what they own counts as this stack's (stack.formerNames). */
  readonly formerNames?: readonly string[];
  /** Read only these kinds (apply's re-check reads what it touches); all when absent. */
  readonly kinds?: ReadonlySet<ResourceKind>;
  /**
   * Import's mode: a name this picks counts as declared, whoever owns it, and nothing else is read
   * past its listing (not even to learn whether this stack owns it). `filterLogGroups` asks about
   * the log group a filter is on.
   */
  readonly select?: (scope: DeclaredScope, name: string) => boolean;
}

/** Every scope, so that a new one is asked of the selection too (the type fails to compile without it). */
const ALL_SCOPES: { readonly [S in DeclaredScope]: true } = {
  logGroups: true,
  alarms: true,
  topics: true,
  filterLogGroups: true,
  filters: true,
  forwarderFunctions: true,
  forwarderRoles: true,
  forwarderQueues: true,
  subscriptionFunctions: true,
  subscriptionRoles: true,
  anomalyDetectors: true,
};

/** The declared names of a scope, plus those the selection picks (import's mode). */
class SelectedNames extends Set<string> {
  constructor(
    names: Iterable<string>,
    private readonly picks: (name: string) => boolean,
  ) {
    super(names);
  }
  override has(name: string): boolean {
    return super.has(name) || this.picks(name);
  }
}

function ownershipOf(owner: string | undefined, stack: string, formerNames: readonly string[]): Ownership {
  if (owner === stack) return { owned: true };
  if (owner !== undefined && formerNames.includes(owner)) return { owned: true, formerOwner: owner };
  return { owned: false, ownerStack: owner };
}

/** The readers to run for the kinds wanted: those producing one, and the parents they need. */
function readersFor(kinds: ReadonlySet<ResourceKind> | undefined): KindReader[] {
  const wanted = READERS.filter((r) => !kinds || r.kinds.some((k) => kinds.has(k)));
  const parents = wanted.flatMap((r) => (r.parent ? [r.parent] : []));
  return READERS.filter((r) => wanted.includes(r) || r.kinds.some((k) => parents.includes(k)));
}

/**
 * The live state in scope for one stack: everything it owns, plus unowned resources whose names the
 * files declare. Everything else in the account is never read past its listing. Each kind's reader
 * (kinds/<kind>/read.ts) lists and selects; this module only supplies the stack's scope.
 */
export async function readLiveState(clients: AwsClients, options: ReadOptions): Promise<LiveState> {
  const { stack } = options;
  const former = options.formerNames ?? [];
  const readers = readersFor(options.kinds);
  // Every listing at once, and the tags of every stack-tagged resource in one paged read.
  const taggingTypes = readers.flatMap((r) => r.taggingTypes ?? []);
  const [selects, tagged] = await Promise.all([
    Promise.all(readers.map((r) => r.list(clients))),
    options.tagSource === 'tagging-api' ? taggedByAnyStack(clients, taggingTypes) : Promise.resolve(undefined),
  ]);

  const { select } = options;
  const scopes = Object.keys(ALL_SCOPES) as DeclaredScope[];
  const declared = new Map<DeclaredScope, ReadonlySet<string>>(
    scopes.map((scope) => {
      const names = options.declared[scope] ?? [];
      return [scope, select ? new SelectedNames(names, (n) => select(scope, n)) : new Set(names)];
    }),
  );
  const ownership = (owner: string | undefined): Ownership => ownershipOf(owner, stack, former);
  const ctx: ReadContext = {
    clients,
    declared: (scope) => declared.get(scope) ?? new Set(),
    ownership,
    // With the tagging API, tags are already known for every stack-tagged resource; only declared names
    // it did not return (unowned look-alikes) cost a call. Per resource, everything does.
    async tagsIfInScope(arn, declaredName) {
      if (select && !declaredName) return undefined;
      if (tagged) {
        const known = tagged.get(arn);
        if (known) return known;
        return declaredName ? tagsOrGone(clients, arn) : undefined;
      }
      return tagsOrGone(clients, arn);
    },
    inScope: (tags: Tags | undefined, declaredName: boolean): tags is Tags =>
      tags !== undefined && (declaredName || (!select && ownership(tags[OWNER_TAG]).owned)),
    each: (items, fn) => mapLimit(items, 8, fn).then(() => undefined),
  };

  const resources: LiveResource[] = [];
  const otherFilters: MetricFilterSpec[] = [];
  const otherFilterOwners: Record<string, string> = {};
  for (const [i, reader] of readers.entries()) {
    const parents = reader.parent ? resources.filter((r) => r.spec.kind === reader.parent) : [];
    const out = await (selects[i] as (typeof selects)[number])(ctx, parents);
    resources.push(...out.resources);
    otherFilters.push(...(out.otherFilters ?? []));
    Object.assign(otherFilterOwners, out.otherFilterOwners);
  }
  refuseDuplicates(resources, options.region);
  return {
    region: options.region,
    accountId: options.accountId,
    resources,
    otherFilters,
    ...(Object.keys(otherFilterOwners).length > 0 ? { otherFilterOwners } : {}),
  };
}

/**
 * AWS keeps every name this tool reads unique (an alarm, a log group, a metric filter per log group, a
 * topic, a subscription per topic and endpoint). Two live resources under one key is state AWS cannot
 * hold: an endpoint that only looks like AWS (moto appends a metric filter put twice under one name).
 * Planning over it would pick one at random; said here, as what it is.
 */
function refuseDuplicates(resources: readonly LiveResource[], region: string): void {
  const seen = new Set<string>();
  for (const r of resources) {
    const key = keyOf(r.spec, region);
    const id = keyId(key);
    if (!seen.has(id)) {
      seen.add(id);
      continue;
    }
    // A name that may be a secret (a web hook's URL) is never printed.
    const info = kindInfo(key.kind);
    const nameField = info.identity(r.spec as never).nameField;
    const secret = (info.sensitivePaths?.(r.spec as never, true) ?? []).includes(nameField);
    const where = key.parent ? ` on ${visible(key.parent)}` : '';
    const what = secret
      ? `two ${KIND_LABEL[key.kind]}s with one ${nameField}${where}`
      : `two ${KIND_LABEL[key.kind]}s named ${visible(key.name)}${where}`;
    throw new MonitorsError(
      'AWS_SERVICE',
      `the endpoint answered ${what}: AWS keeps names unique; the endpoint is not behaving like AWS. Delete one of them by hand, then run again.`,
    );
  }
}
