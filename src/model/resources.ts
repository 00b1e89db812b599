import type { CompositeAlarmSpec } from '../kinds/composite-alarm/spec';
import type { ForwarderFunctionSpec } from '../kinds/forwarder-function/spec';
import type { ForwarderPermissionSpec } from '../kinds/forwarder-permission/spec';
import type { ForwarderQueueSpec } from '../kinds/forwarder-queue/spec';
import type { ForwarderRoleSpec } from '../kinds/forwarder-role/spec';
import type { DashboardSpec } from '../kinds/dashboard/spec';
import type { LogGroupSpec } from '../kinds/log-group/spec';
import type { MetricAlarmSpec } from '../kinds/metric-alarm/spec';
import type { MetricFilterSpec } from '../kinds/metric-filter/spec';
import type { SubscriptionSpec } from '../kinds/subscription/spec';
import type { SubscriptionFilterSpec } from '../kinds/subscription-filter/spec';
import type { QueryDefinitionSpec } from '../kinds/query-definition/spec';
import type { TopicSpec } from '../kinds/topic/spec';

/**
 * The normalized shape of every resource kind. Desired (from YAML) and Live (from AWS) use the same
 * types, so a diff is a field-by-field comparison and never a translation. Normalization rules that
 * both sides must follow: optional scalars absent (undefined) rather than empty; lists sorted where
 * AWS does not give them meaning by order; `[]` and absent are the same (always `[]` here); tags and
 * dimensions are plain records; durations in seconds.
 */

/** Every kind of resource the reconciler manages: the union of the kinds' specs. */
export type ResourceKind = ResourceSpec['kind'];

/** All kinds, in dependency order: a kind may only depend on kinds before it. */
export const RESOURCE_KINDS: readonly ResourceKind[] = [
  'forwarderQueue',
  'forwarderRole',
  'topic',
  'subscription',
  'logGroup',
  'metricFilter',
  'subscriptionFilter',
  'metricAlarm',
  'compositeAlarm',
  'forwarderFunction',
  'forwarderPermission',
  'dashboard',
  'queryDefinition',
];

/** Where in a YAML file a resource (or a value) was declared. */
export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  readonly column: number;
}

export type Tags = Readonly<Record<string, string>>;

/*
 * Each kind's spec lives in its folder (src/kinds/<kind>/spec.ts); this file only unions them. The
 * re-exports keep `import { MetricAlarmSpec } from '../model'` working; a new kind need not add one.
 */
export type { LogGroupSpec } from '../kinds/log-group/spec';
export type { MetricFilterSpec, MetricTransformation } from '../kinds/metric-filter/spec';
export type { AlarmActions, ComparisonOperator, TreatMissingData } from '../kinds/shared/alarm-spec';
export type { MetricAlarmSpec, MetricQuery, MetricStat } from '../kinds/metric-alarm/spec';
export type { CompositeAlarmSpec } from '../kinds/composite-alarm/spec';
export type { TopicSpec } from '../kinds/topic/spec';
export type { SubscriptionProtocol, SubscriptionSpec } from '../kinds/subscription/spec';
export type { ChatDestinationSpec, ForwarderFunctionSpec } from '../kinds/forwarder-function/spec';
export type { ForwarderRoleSpec } from '../kinds/forwarder-role/spec';
export type { ForwarderQueueSpec } from '../kinds/forwarder-queue/spec';
export type { ForwarderPermissionSpec } from '../kinds/forwarder-permission/spec';

/** Any resource, discriminated on `kind`. */
export type ResourceSpec =
  | LogGroupSpec
  | MetricFilterSpec
  | SubscriptionFilterSpec
  | MetricAlarmSpec
  | CompositeAlarmSpec
  | TopicSpec
  | SubscriptionSpec
  | ForwarderQueueSpec
  | ForwarderRoleSpec
  | ForwarderFunctionSpec
  | ForwarderPermissionSpec
  | DashboardSpec
  | QueryDefinitionSpec;

/** Narrows ResourceSpec to one kind. */
export type SpecOf<K extends ResourceKind> = Extract<ResourceSpec, { kind: K }>;
