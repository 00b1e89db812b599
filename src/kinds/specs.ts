/*
 * The kinds' spec types, for the floors above model/ (model/resources.ts only holds the ResourceSpec
 * union, which each spec.ts fills in). Moved here from model/resources.ts's re-exports.
 */
export type { LogGroupSpec } from './log-group/spec';
export type { MetricFilterSpec, MetricTransformation } from './metric-filter/spec';
export type { AlarmActions, ComparisonOperator, TreatMissingData } from './shared/alarm-spec';
export type { MetricAlarmSpec, MetricQuery, MetricStat } from './metric-alarm/spec';
export type { CompositeAlarmSpec } from './composite-alarm/spec';
export type { TopicSpec } from './topic/spec';
export type { SubscriptionProtocol, SubscriptionSpec } from './subscription/spec';
export type { ChatDestinationSpec, ForwarderFunctionSpec } from './forwarder-function/spec';
export type { ForwarderRoleSpec } from './forwarder-role/spec';
export type { ForwarderQueueSpec } from './forwarder-queue/spec';
export type { ForwarderPermissionSpec } from './forwarder-permission/spec';
export type { DashboardSpec } from './dashboard/spec';
export type { SubscriptionFilterSpec } from './subscription-filter/spec';
export type { QueryDefinitionSpec } from './query-definition/spec';
export type { AlarmMuteRuleSpec } from './alarm-mute-rule/spec';
export type { InsightRuleSpec } from './insight-rule/spec';
export type { AnomalyDetectorSpec } from './anomaly-detector/spec';
