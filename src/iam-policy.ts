/**
 * The least-privilege IAM policies for the plan and apply roles of one stack.
 *
 * Which condition keys each action honours comes from the AWS Service Authorization Reference
 * (CloudWatch, CloudWatch Logs, SNS, SSM): alarms, log groups and topics all carry
 * `aws:ResourceTag/${TagKey}` on their resource type, so every write to an existing one is tied to the
 * stack's ownership tag. Where AWS has no key for what we would like to check, scoping falls back to
 * ARNs; `POLICY_LIMITS` says where, and the README repeats it for users.
 */
import {
  FORWARDER_LIST_ACTIONS,
  FORWARDER_READ_ACTIONS,
  forwarderApplyStatements,
  forwarderReadResources,
} from './kinds/forwarder-function/iam';
import { kindInfo } from './kinds/registry';
import { OWNER_TAG, type DesiredResource } from './model';

type ConditionBlock = Readonly<Record<string, Readonly<Record<string, string | readonly string[]>>>>;

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

/** Every read the plan makes: listings and tag reads, no writes. */
export const PLAN_ACTIONS: readonly string[] = [
  'sts:GetCallerIdentity',
  'cloudwatch:DescribeAlarms',
  'cloudwatch:ListTagsForResource',
  'logs:DescribeLogGroups',
  'logs:DescribeMetricFilters',
  'logs:ListTagsForResource',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  // Apply finds a subscription's ARN on its topic when the plan could not know it (made in the same run).
  'sns:ListSubscriptionsByTopic',
  'sns:GetTopicAttributes',
  'sns:GetSubscriptionAttributes',
  'sns:ListTagsForResource',
  'tag:GetResources',
  // The backtest (src/backtest): metric history, and recent events for alarms over new metric filters.
  'cloudwatch:GetMetricData',
  'logs:FilterLogEvents',
  // The chat forwarder's function, failure queue and role (kinds/forwarder-function/iam.ts).
  ...FORWARDER_LIST_ACTIONS,
  ...FORWARDER_READ_ACTIONS,
];

/** Reads IAM only authorises on "*" (no resource type in the Service Authorization Reference). */
const WILDCARD_ONLY_READS: ReadonlySet<string> = new Set([
  'sts:GetCallerIdentity',
  'logs:DescribeLogGroups',
  'sns:ListTopics',
  'sns:ListSubscriptions',
  'tag:GetResources',
  'cloudwatch:GetMetricData',
  ...FORWARDER_LIST_ACTIONS,
]);

/** Updates and deletes of an existing resource: allowed only when it carries the stack's tag. */
const OWNED_WRITES: readonly string[] = [
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:PutCompositeAlarm',
  'cloudwatch:DeleteAlarms',
  'logs:DeleteLogGroup',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  // On the stack's own log groups; filters on log groups it does not own are scoped by ARN below.
  'logs:PutMetricFilter',
  'logs:DeleteMetricFilter',
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  // SNS authorises subscription calls on the topic, so its tag decides.
  'sns:Subscribe',
  'sns:Unsubscribe',
  'sns:SetSubscriptionAttributes',
];

const TAG_ACTIONS: readonly string[] = ['cloudwatch:TagResource', 'logs:TagResource', 'sns:TagResource'];
const UNTAG_ACTIONS: readonly string[] = ['cloudwatch:UntagResource', 'logs:UntagResource', 'sns:UntagResource'];

/**
 * Creates, checked on the request's tags; AWS also authorises the tag-on-create as TagResource.
 * Adoption of an unowned resource goes through the same statement: its first write tags it.
 */
const CREATE_ACTIONS: readonly string[] = [
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:PutCompositeAlarm',
  'logs:CreateLogGroup',
  'sns:CreateTopic',
  ...TAG_ACTIONS,
];

/** Metric filters have no ARN and no tags: AWS authorises them on their log group, by ARN only. */
const FILTER_ACTIONS: readonly string[] = ['logs:PutMetricFilter', 'logs:DeleteMetricFilter'];

/**
 * The apply lock: one SSM parameter per stack. The actions and the name are fixed here so the
 * policy and the lock cannot drift apart.
 */
export const LOCK_ACTIONS: readonly string[] = ['ssm:PutParameter', 'ssm:GetParameter', 'ssm:DeleteParameter'];

/** The SSM parameter name of a stack's apply lock. */
export function lockParameterName(stack: string): string {
  return `/monitors/${stack}/lock`;
}

/** What the policy cannot check, said plainly (the README's Security model repeats it for users). */
export const POLICY_LIMITS: readonly string[] = [
  'Reads see other stacks\' resources in the account and region (the plan must, to leave them alone); sts:GetCallerIdentity, logs:DescribeLogGroups, sns:ListTopics, sns:ListSubscriptions, tag:GetResources and cloudwatch:GetMetricData (the backtest) have no resource type in IAM, so they are allowed on "*".',
  "Metric filters cannot be tagged and IAM has no condition key for a filter's name: PutMetricFilter/DeleteMetricFilter are scoped to the log groups the stack declares or owns, so on a log group shared with another stack this role could change that stack's filters there.",
  'Removing the last metric filter on a log group the stack does not own needs the policy printed before the removal (the log group is no longer in the files).',
  'Alarms are created and adopted region-wide (new alarms need no policy change): an alarm with no monitors:stack tag can be adopted by any stack\'s apply role. Tag console-made alarms you want left alone with monitors:stack=<anything that is not a stack>, e.g. "manual".',
  'Log groups and topics are created and adopted only under the names the stack declares: adding one means re-printing and re-attaching the policy.',
  "The chat forwarder: the apply role writes the inline policy of the stack's forwarder role (iam:PutRolePolicy on that one role) and its function's code, and IAM cannot check a policy's content, so a compromised apply role could widen what that function may do. Give the apply role a permissions boundary, or watch CloudTrail for PutRolePolicy on roles under /monitors/.",
  'The forwarder reads (lambda:ListFunctions, sqs:ListQueues, iam:ListRoles) have no resource type in IAM and are allowed on "*"; the per-resource reads are limited to names starting with monitors- (IAM roles: the /monitors/ path).',
];

/** The names in a stack's files that the apply policy scopes log-group and topic calls to. */
export interface DeclaredNames {
  /** Declared log groups plus the log groups declared metric filters read. */
  readonly logGroups: readonly string[];
  readonly topics: readonly string[];
}

/** The log groups and topics a stack's declared resources name. */
export function declaredNames(resources: readonly DesiredResource[]): DeclaredNames {
  const logGroups = new Set<string>();
  const topics = new Set<string>();
  for (const { spec } of resources) {
    for (const [scope, name] of kindInfo(spec.kind).declares?.(spec) ?? []) {
      if (scope === 'logGroups' || scope === 'filterLogGroups') logGroups.add(name);
      else if (scope === 'topics') topics.add(name);
    }
  }
  return { logGroups: [...logGroups].sort(), topics: [...topics].sort() };
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
}

/** The resource-tag condition of "owned by this stack", or by one of the names it had before. */
const owned = (stack: string, formerNames: readonly string[] = []) => ({
  [`aws:ResourceTag/${OWNER_TAG}`]: formerNames.length > 0 ? [stack, ...formerNames] : stack,
});

/** The least-privilege policy for the role that plans (read-only) or applies, scoped to one stack. */
export function iamPolicy(mode: 'plan' | 'apply', options: PolicyOptions): PolicyDocument {
  const region = options.region ?? '*';
  const account = options.accountId ?? '*';
  const stack = options.stack;
  const former = options.formerNames ?? [];
  const declared = options.declared ?? { logGroups: [], topics: [] };
  const alarms = `arn:aws:cloudwatch:${region}:${account}:alarm:*`;
  const allLogGroups = `arn:aws:logs:${region}:${account}:log-group:*`;
  const allTopics = `arn:aws:sns:${region}:${account}:*`;
  // Both forms: IAM checks some log-group calls against "log-group:NAME" and others against "log-group:NAME:*".
  const logGroups = declared.logGroups.flatMap((name) => [
    `arn:aws:logs:${region}:${account}:log-group:${name}`,
    `arn:aws:logs:${region}:${account}:log-group:${name}:*`,
  ]);
  const topics = declared.topics.map((name) => `arn:aws:sns:${region}:${account}:${name}`);

  // Reads see every stack's resources (the plan must, to leave them alone), but only in this account and region.
  const reads: PolicyStatement[] = [
    {
      Sid: 'MonitorsPlanList',
      Effect: 'Allow',
      Action: PLAN_ACTIONS.filter((a) => WILDCARD_ONLY_READS.has(a)),
      Resource: '*',
    },
    {
      Sid: 'MonitorsPlanRead',
      Effect: 'Allow',
      Action: PLAN_ACTIONS.filter((a) => !WILDCARD_ONLY_READS.has(a) && !FORWARDER_READ_ACTIONS.includes(a)),
      Resource: [alarms, allLogGroups, allTopics],
    },
    {
      Sid: 'MonitorsPlanReadForwarder',
      Effect: 'Allow',
      Action: FORWARDER_READ_ACTIONS,
      Resource: forwarderReadResources(region, account),
    },
  ];
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
      Sid: 'MonitorsWriteOwned',
      Effect: 'Allow',
      Action: OWNED_WRITES,
      Resource: [alarms, allLogGroups, allTopics],
      Condition: { StringEquals: owned(stack, former) },
    },
    {
      // Re-tagging an owned resource may not hand it to another stack; one still carrying a former name
      // (stack.formerNames) may be re-tagged to the current one, which is how a rename takes it over.
      Sid: 'MonitorsTagOwned',
      Effect: 'Allow',
      Action: TAG_ACTIONS,
      Resource: [alarms, allLogGroups, allTopics],
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
      Resource: [alarms, allLogGroups, allTopics],
      Condition: { StringEquals: owned(stack, former), 'ForAllValues:StringNotEquals': { 'aws:TagKeys': [OWNER_TAG] } },
    },
    {
      // Only where no stack's tag is present yet: new resources, and unowned ones being adopted. This is
      // what stops the retag-then-delete attack: another stack's resource already carries a tag.
      Sid: 'MonitorsCreateOrAdopt',
      Effect: 'Allow',
      Action: CREATE_ACTIONS,
      Resource: [alarms, ...logGroups, ...topics],
      Condition: {
        StringEquals: { [`aws:RequestTag/${OWNER_TAG}`]: stack },
        Null: { [`aws:ResourceTag/${OWNER_TAG}`]: 'true' },
      },
    },
  ];
  statements.push(...forwarderApplyStatements(stack, region, account, owned(stack, former)));
  if (logGroups.length > 0) {
    statements.push({
      Sid: 'MonitorsFiltersOnDeclaredLogGroups',
      Effect: 'Allow',
      Action: FILTER_ACTIONS,
      Resource: logGroups,
    });
  }
  return { Version: '2012-10-17', Statement: statements };
}
