/**
 * The normalized shape of every resource kind. Desired (from YAML) and Live (from AWS) use the same
 * types, so a diff is a field-by-field comparison and never a translation. Normalization rules that
 * both sides must follow: optional scalars absent (undefined) rather than empty; lists sorted where
 * AWS does not give them meaning by order; `[]` and absent are the same (always `[]` here); tags and
 * dimensions are plain records; durations in seconds.
 */

/** Every kind of resource the reconciler manages. */
export type ResourceKind =
  | 'logGroup'
  | 'metricFilter'
  | 'metricAlarm'
  | 'compositeAlarm'
  | 'topic'
  | 'subscription'
  | 'forwarderQueue'
  | 'forwarderRole'
  | 'forwarderFunction'
  | 'forwarderPermission';

/** All kinds, in dependency order: a kind may only depend on kinds before it. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'forwarderQueue',
  'forwarderRole',
  'topic',
  'subscription',
  'logGroup',
  'metricFilter',
  'metricAlarm',
  'compositeAlarm',
  'forwarderFunction',
  'forwarderPermission',
];

/** Where in a YAML file a resource (or a value) was declared. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Tags = Readonly<Record<string, string>>;

export interface LogGroupSpec {
  readonly kind: 'logGroup';
  readonly name: string;
  /** Days; undefined means "never expire". */
  readonly retentionInDays?: number;
  readonly kmsKeyId?: string;
  readonly tags: Tags;
}

export interface MetricTransformation {
  readonly metricName: string;
  readonly metricNamespace: string;
  /** A literal number as a string ("1") or a field selector ("$.latency", "$size"). */
  readonly metricValue: string;
  readonly defaultValue?: number;
  readonly unit?: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

export interface MetricFilterSpec {
  readonly kind: 'metricFilter';
  readonly logGroupName: string;
  /** The name in AWS, which carries the stack's ownership prefix (see ownership.ts). */
  readonly filterName: string;
  readonly filterPattern: string;
  readonly transformation: MetricTransformation;
}

export interface MetricStat {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly period: number;
  /** Exactly one of statistic / extendedStatistic is set. */
  readonly statistic?: string;
  readonly extendedStatistic?: string;
  readonly unit?: string;
}

/** One entry of a metric-math alarm's Metrics[]. */
export interface MetricQuery {
  readonly id: string;
  readonly expression?: string;
  readonly metricStat?: {
    readonly namespace: string;
    readonly metricName: string;
    readonly dimensions: Readonly<Record<string, string>>;
    readonly period: number;
    readonly stat: string;
    readonly unit?: string;
  };
  readonly label?: string;
  readonly returnData: boolean;
  readonly period?: number;
  readonly accountId?: string;
}

export type ComparisonOperator =
  | 'GreaterThanOrEqualToThreshold'
  | 'GreaterThanThreshold'
  | 'LessThanThreshold'
  | 'LessThanOrEqualToThreshold'
  | 'LessThanLowerOrGreaterThanUpperThreshold'
  | 'LessThanLowerThreshold'
  | 'GreaterThanUpperThreshold';

export type TreatMissingData = 'breaching' | 'notBreaching' | 'ignore' | 'missing';

/** Alarm actions are ARNs on both sides; the loader resolves topic names to ARNs. */
export interface AlarmActions {
  readonly actionsEnabled: boolean;
  readonly alarmActions: readonly string[];
  readonly okActions: readonly string[];
  readonly insufficientDataActions: readonly string[];
}

export interface MetricAlarmSpec extends AlarmActions {
  readonly kind: 'metricAlarm';
  readonly name: string;
  readonly description?: string;
  /** Exactly one of metric / metrics is set. */
  readonly metric?: MetricStat;
  readonly metrics?: readonly MetricQuery[];
  readonly threshold?: number;
  readonly thresholdMetricId?: string;
  readonly comparisonOperator: ComparisonOperator;
  readonly evaluationPeriods: number;
  /** Always set: defaults to evaluationPeriods, as AWS behaves. */
  readonly datapointsToAlarm: number;
  readonly treatMissingData: TreatMissingData;
  readonly evaluateLowSampleCountPercentile?: string;
  readonly tags: Tags;
}

export interface CompositeAlarmSpec extends AlarmActions {
  readonly kind: 'compositeAlarm';
  readonly name: string;
  readonly description?: string;
  /** Whitespace-collapsed and trimmed. */
  readonly rule: string;
  readonly tags: Tags;
}

export interface TopicSpec {
  readonly kind: 'topic';
  /** For FIFO topics this ends in ".fifo". */
  readonly name: string;
  readonly displayName?: string;
  readonly kmsMasterKeyId?: string;
  readonly fifo: boolean;
  readonly tags: Tags;
}

export type SubscriptionProtocol = 'email' | 'email-json' | 'sms' | 'https' | 'http' | 'lambda' | 'sqs';

export interface SubscriptionSpec {
  readonly kind: 'subscription';
  readonly topicName: string;
  readonly protocol: SubscriptionProtocol;
  /** Email lower-cased in the domain part; may be a secret (see Secrets). */
  readonly endpoint: string;
  /** Canonical JSON (keys sorted) or undefined. */
  readonly filterPolicy?: string;
  readonly rawMessageDelivery: boolean;
}

/** One chat a forwarder posts to, as its environment holds it (docs/forwarder.md); `url` is a secret. */
export interface ChatDestinationSpec {
  readonly chat: 'slack' | 'discord' | 'teams' | 'googleChat';
  readonly url: string;
  /** Slack/Discord/Google Chat: ids or keywords; Teams: "Display Name <id>". Sorted. */
  readonly mentions: readonly string[];
  /** Slack's channel, Discord's thread id, Google Chat's thread key: whichever the chat has. */
  readonly channel?: string;
  readonly threadId?: string;
  readonly threadKey?: string;
  /** The topic whose alarms it receives. */
  readonly topic: string;
}

/** The stack's chat forwarder (a Lambda function) in one region: its code hash, settings and destinations. */
export interface ForwarderFunctionSpec {
  readonly kind: 'forwarderFunction';
  readonly name: string;
  /** Its execution role's name (kind forwarderRole). */
  readonly role: string;
  readonly runtime: string;
  readonly handler: string;
  /** Base64 sha256 of the deployment zip, as Lambda reports CodeSha256: a code change shows here. */
  readonly codeSha256: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  /** Keyed "<chat>@<topic>" (then "+2", "+3" for a second one of that chat on that topic). */
  readonly destinations: Readonly<Record<string, ChatDestinationSpec>>;
  /** The on-failure destination's queue name (kind forwarderQueue) and Lambda's retries before it. */
  readonly onFailureQueue: string;
  readonly maximumRetryAttempts: number;
  readonly tags: Tags;
}

/** The forwarder's execution role: trusted by Lambda, allowed only what the function does. */
export interface ForwarderRoleSpec {
  readonly kind: 'forwarderRole';
  readonly name: string;
  /** The service principal that may assume it. */
  readonly trustedService: string;
  /** The inline policy, as sorted "action resource" lines (the resource by name: log group, queue). */
  readonly permissions: readonly string[];
  readonly tags: Tags;
}

/** The queue that keeps the events the forwarder failed to deliver. */
export interface ForwarderQueueSpec {
  readonly kind: 'forwarderQueue';
  readonly name: string;
  readonly messageRetentionSeconds: number;
  readonly tags: Tags;
}

/** The forwarder's resource policy statement letting SNS invoke it for one topic. */
export interface ForwarderPermissionSpec {
  readonly kind: 'forwarderPermission';
  readonly functionName: string;
  readonly topicName: string;
}

/** Any resource, discriminated on `kind`. */
export type ResourceSpec =
  | LogGroupSpec
  | MetricFilterSpec
  | MetricAlarmSpec
  | CompositeAlarmSpec
  | TopicSpec
  | SubscriptionSpec
  | ForwarderQueueSpec
  | ForwarderRoleSpec
  | ForwarderFunctionSpec
  | ForwarderPermissionSpec;

/** Narrows ResourceSpec to one kind. */
export type SpecOf<K extends ResourceKind> = Extract<ResourceSpec, { kind: K }>;
