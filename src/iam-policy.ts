/**
 * The least-privilege IAM policies for the plan and apply roles of one stack, assembled from what
 * each kind declares (kinds/<kind>/iam.ts): reads, tag-conditioned writes, request-tag-conditioned
 * creates, and ARN-scoped writes where AWS has no condition key for what we would like to check.
 * This file holds no kind's actions, only the statements' shape and the pipeline's own calls.
 * `POLICY_LIMITS` says what the policy cannot check, and the README repeats it for users.
 */
import { settleRulePrefix } from './settle/bounds';
import type { ArnScopedStatement, IamCondition, KindIam, IamScope } from './kinds/iam';
import type { DeclaredScope } from './kinds/kind';
import { kindInfo } from './kinds/registry';
import { packDiscoveryActions } from './kinds/pack/iam';
import type { PackDeclaration } from './kinds/pack/declaration';
import { RESOURCE_KINDS } from './kinds/registry';
import { OWNER_TAG, type DesiredResource } from './model';

type ConditionBlock = IamCondition;

/** One statement; only Allow: the role has nothing else, so everything not allowed is denied. */
export interface PolicyStatement {
  readonly Sid: string;
  readonly Effect: 'Allow';
  readonly Action: readonly string[];
  readonly Resource: string | readonly string[];
  readonly Condition?: ConditionBlock;
}

/** An IAM policy document, as AWS reads it. */
export interface PolicyDocument {
  readonly Version: '2012-10-17';
  readonly Statement: readonly PolicyStatement[];
}

/**
 * The reads the pipeline makes for itself, which belong to no kind: the account lookup, the tagging
 * API's bulk tag read, the backtest's history (metric data; events on a new filter's log group), and
 * the live checks (the listing of metrics, their data, and a new filter's log events).
 */
const OWN_WILDCARD_READS: readonly string[] = [
  'sts:GetCallerIdentity',
  'tag:GetResources',
  'cloudwatch:GetMetricData',
  'cloudwatch:ListMetrics',
];
const OWN_READS: readonly string[] = ['logs:FilterLogEvents'];

const KIND_IAM: readonly KindIam[] = RESOURCE_KINDS.map((kind) => kindInfo(kind).iam);

/** The union of a field of every kind's IAM, sorted: adding a kind anywhere in the registry reorders nothing. */
function actions(pick: (iam: KindIam) => readonly string[] | undefined, own: readonly string[] = []): string[] {
  return [...new Set([...own, ...KIND_IAM.flatMap((iam) => pick(iam) ?? [])])].sort();
}

/** Reads IAM only authorises on "*" (no resource type in the Service Authorization Reference). */
const WILDCARD_ONLY_READS: readonly string[] = actions((iam) => iam.wildcardReads, OWN_WILDCARD_READS);

/** Every read the plan makes: listings and tag reads, no writes. */
const SCOPED_READS: readonly string[] = actions((iam) => iam.reads, OWN_READS);
export const PLAN_ACTIONS: readonly string[] = [
  ...WILDCARD_ONLY_READS,
  ...SCOPED_READS,
  ...actions((iam) => iam.ownReads?.flatMap((s) => s.actions)),
];

/** A kind's ARN-scoped statement on the given ARNs, with its condition if it has one. */
function statementOf(s: ArnScopedStatement, where: readonly string[], at: IamScope): PolicyStatement {
  const condition = typeof s.condition === 'function' ? s.condition(at) : s.condition;
  return {
    Sid: s.sid,
    Effect: 'Allow',
    Action: s.actions,
    Resource: where,
    ...(condition ? { Condition: condition } : {}),
  };
}

/** The statements of the kinds' ARN-scoped statements of one sort, each left out where it has no ARN. */
function scopedStatements(at: IamScope, pick: (iam: KindIam) => readonly ArnScopedStatement[]): PolicyStatement[] {
  return KIND_IAM.flatMap((iam) =>
    pick(iam).flatMap((s) => {
      const where = s.arns(at);
      return where.length > 0 ? [statementOf(s, where, at)] : [];
    }),
  );
}

/** Creates and owned writes that also need a permissions boundary on the principal they make or change. */
const BOUNDED: ReadonlySet<string> = new Set(actions((iam) => iam.boundary?.actions));
const unbounded = (list: readonly string[]) => list.filter((a) => !BOUNDED.has(a));

/** Updates and deletes of an existing resource: allowed only when it carries the stack's tag. */
const OWNED_WRITES: readonly string[] = unbounded(actions((iam) => iam.ownedWrites));
const TAG_ACTIONS: readonly string[] = actions((iam) => (iam.tagging ? [iam.tagging.tag] : []));
const UNTAG_ACTIONS: readonly string[] = actions((iam) => (iam.tagging ? [iam.tagging.untag] : []));

/**
 * Creates, checked on the request's tags; AWS also authorises the tag-on-create as TagResource.
 * Adoption of an unowned resource goes through the same statement: its first write tags it.
 */
const CREATE_ACTIONS: readonly string[] = unbounded(actions((iam) => iam.creates, TAG_ACTIONS));

/**
 * The apply lock: one SSM parameter per stack. The actions and the name are fixed here so the
 * policy and the lock cannot drift apart.
 */
export const LOCK_ACTIONS: readonly string[] = ['ssm:PutParameter', 'ssm:GetParameter', 'ssm:DeleteParameter'];

/**
 * `apply --settle` (src/settle/): AWS authorises PutAlarmMuteRule on the rule and on each alarm it
 * targets, so the rule is scoped to the stack's name prefix and the alarms to the stack's tag.
 */
export const SETTLE_ACTIONS: readonly string[] = ['cloudwatch:PutAlarmMuteRule', 'cloudwatch:DeleteAlarmMuteRule'];

/** The SSM parameter name of a stack's apply lock. */
export function lockParameterName(stack: string): string {
  return `/monitors/${stack}/lock`;
}

/** What the policy cannot check, said plainly (the README's Security model repeats it for users). */
export const POLICY_LIMITS: readonly string[] = [
  `Reads see other stacks' resources in the account and region (the plan must, to leave them alone); ${WILDCARD_ONLY_READS.join(', ')} have no resource type in IAM, so they are allowed on "*".`,
  ...new Set(KIND_IAM.flatMap((iam) => iam.limits ?? [])),
];

/** The names in a stack's files that the apply policy scopes creates and ARN-scoped writes to, by scope. */
export type DeclaredNames = Readonly<Partial<Record<DeclaredScope, readonly string[]>>>;

/** The names a stack's declared resources give, by scope (see KindInfo.declares), sorted. */
export function declaredNames(resources: readonly DesiredResource[]): DeclaredNames {
  const names = new Map<DeclaredScope, Set<string>>();
  for (const { spec } of resources) {
    for (const [scope, name] of kindInfo(spec.kind).declares?.(spec) ?? []) {
      names.set(scope, (names.get(scope) ?? new Set<string>()).add(name));
    }
  }
  return Object.fromEntries([...names].map(([scope, set]) => [scope, [...set].sort()]));
}

export interface PolicyOptions {
  readonly stack: string;
  /** The stack's region; "*" when unknown. */
  readonly region?: string;
  /** The account the role lives in; "*" when not given (the README says to pass it). */
  readonly accountId?: string;
  readonly declared?: DeclaredNames;
  /** stack.formerNames: resources still tagged with one of these are the stack's to re-tag (a rename). */
  readonly formerNames?: readonly string[];
  /** The stack's alarm packs (`packs:`): discovery's list and tag reads for their services join the reads. */
  readonly packs?: readonly Pick<PackDeclaration, 'service'>[];
}

/** ARNs from every kind, without repeats, grouped by service (stable, so a kind's pairs stay together). */
function arns(at: IamScope, pick: (iam: KindIam) => ((at: IamScope) => readonly string[]) | undefined): string[] {
  const all = [...new Set(KIND_IAM.flatMap((iam) => pick(iam)?.(at) ?? []))];
  const service = (arn: string) => arn.split(':')[2] ?? '';
  return all.sort((a, b) => service(a).localeCompare(service(b)));
}

/** The resource-tag condition of "owned by this stack", or by one of the names it had before. */
const owned = (stack: string, formerNames: readonly string[] = []) => ({
  [`aws:ResourceTag/${OWNER_TAG}`]: formerNames.length > 0 ? [stack, ...formerNames] : stack,
});

/**
 * The kinds' creates and owned writes that need a permissions boundary: the same tag conditions as
 * the statements above, and the boundary on the principal (iam:PermissionsBoundary). Without it a
 * role the tool makes could be given any inline policy, and the apply role would have a way up.
 */
function boundedStatements(at: IamScope, stack: string, former: readonly string[]): PolicyStatement[] {
  return KIND_IAM.flatMap((iam) => {
    const bounded = iam.boundary;
    if (!bounded) return [];
    const boundary = { [bounded.conditionKey]: bounded.arn(at) };
    // An ARN-typed key: ArnLike is exact for a known account and matches any for a policy printed with "*".
    const creates = bounded.actions.filter((a) => iam.creates?.includes(a));
    const writes = bounded.actions.filter((a) => iam.ownedWrites?.includes(a));
    const createArns = iam.createArns?.(at) ?? [];
    const out: PolicyStatement[] = [];
    if (creates.length > 0 && createArns.length > 0)
      out.push({
        Sid: 'MonitorsCreateWithBoundary',
        Effect: 'Allow',
        Action: creates,
        Resource: createArns,
        Condition: {
          StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: stack },
          ArnLike: boundary,
          Null: { [`aws:ResourceTag/${OWNER_TAG}`]: 'true' },
        },
      });
    if (writes.length > 0)
      out.push({
        Sid: 'MonitorsWriteOwnedWithBoundary',
        Effect: 'Allow',
        Action: writes,
        Resource: iam.arns?.(at) ?? [],
        Condition: { StringEquals: owned(stack, former), ArnLike: boundary },
      });
    return out;
  });
}

/** The least-privilege policy for the role that plans (read-only) or applies, scoped to one stack. */
export function iamPolicy(mode: 'plan' | 'apply', options: PolicyOptions): PolicyDocument {
  const region = options.region ?? '*';
  const account = options.accountId ?? '*';
  const stack = options.stack;
  const former = options.formerNames ?? [];
  const declared = options.declared ?? {};
  const at: IamScope = {
    region,
    account,
    stack,
    formerNames: former,
    declared: (scope) => [...(declared[scope] ?? [])].sort(),
  };
  const kindArns = arns(at, (iam) => iam.arns);

  // Reads see every stack's resources (the plan must, to leave them alone), but only in this account and region.
  const reads: PolicyStatement[] = [
    {
      Sid: 'MonitorsPlanList',
      Effect: 'Allow',
      Action: WILDCARD_ONLY_READS,
      Resource: '*',
    },
    {
      Sid: 'MonitorsPlanRead',
      Effect: 'Allow',
      Action: SCOPED_READS,
      Resource: kindArns,
    },
    ...scopedStatements(at, (iam) => iam.ownReads ?? []),
    // A former name whose apply lock is held is a live stack: the plan refuses to take it over (plan/former-names.ts).
    ...(former.length > 0
      ? [
          {
            Sid: 'MonitorsFormerNamesLock',
            Effect: 'Allow' as const,
            Action: ['ssm:GetParameter'],
            Resource: former.map((f) => `arn:aws:ssm:${region}:${account}:parameter${lockParameterName(f)}`),
          },
        ]
      : []),
  ];
  const discovery = packDiscoveryActions(options.packs ?? []);
  if (discovery.length > 0)
    // Discovery lists every resource of a pack's service to find those its selection names: "*" only.
    reads.push({ Sid: 'MonitorsPackDiscovery', Effect: 'Allow', Action: discovery, Resource: '*' });
  if (mode === 'plan') return { Version: '2012-10-17', Statement: reads };

  const statements: PolicyStatement[] = [
    ...reads,
    {
      Sid: 'MonitorsApplyLock',
      Effect: 'Allow',
      Action: LOCK_ACTIONS,
      Resource: `arn:aws:ssm:${region}:${account}:parameter${lockParameterName(stack)}`,
    },
    {
      Sid: 'MonitorsSettleRule',
      Effect: 'Allow',
      Action: SETTLE_ACTIONS,
      Resource: `arn:aws:cloudwatch:${region}:${account}:alarm-mute-rule:${settleRulePrefix(stack)}*`,
    },
    {
      Sid: 'MonitorsSettleOwnedAlarms',
      Effect: 'Allow',
      Action: ['cloudwatch:PutAlarmMuteRule'],
      Resource: `arn:aws:cloudwatch:${region}:${account}:alarm:*`,
      Condition: { StringEquals: owned(stack, former) },
    },
    {
      Sid: 'MonitorsWriteOwned',
      Effect: 'Allow',
      Action: OWNED_WRITES,
      Resource: kindArns,
      Condition: { StringEquals: owned(stack, former) },
    },
    {
      // Re-tagging an owned resource may not hand it to another stack; one still carrying a former name
      // (stack.formerNames) may be re-tagged to the current one, which is how a rename takes it over.
      Sid: 'MonitorsTagOwned',
      Effect: 'Allow',
      Action: TAG_ACTIONS,
      Resource: kindArns,
      Condition: {
        StringEquals: owned(stack, former),
        StringEqualsIfExists: { [`aws:RequestTag/${OWNER_TAG}`]: stack },
      },
    },
    {
      // Removing the ownership tag would make the resource adoptable by anyone.
      Sid: 'MonitorsUntagOwned',
      Effect: 'Allow',
      Action: UNTAG_ACTIONS,
      Resource: kindArns,
      Condition: { StringEquals: owned(stack, former), 'ForAllValues:StringNotEquals': { 'aws:TagKeys': [OWNER_TAG] } },
    },
    {
      // Only where no stack's tag is present yet: new resources, and unowned ones being adopted. This is
      // what stops the retag-then-delete attack: another stack's resource already carries a tag.
      Sid: 'MonitorsCreateOrAdopt',
      Effect: 'Allow',
      Action: CREATE_ACTIONS,
      Resource: arns(at, (iam) => iam.createArns),
      Condition: {
        StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: stack },
        Null: { [`aws:ResourceTag/${OWNER_TAG}`]: 'true' },
      },
    },
  ];
  statements.push(...boundedStatements(at, stack, former));
  for (const iam of KIND_IAM) {
    const scoped = iam.arnScoped;
    const where = scoped?.arns(at) ?? [];
    if (scoped && where.length > 0) statements.push(statementOf(scoped, where, at));
  }
  statements.push(...scopedStatements(at, (iam) => iam.ownWrites ?? []));
  return { Version: '2012-10-17', Statement: statements };
}
