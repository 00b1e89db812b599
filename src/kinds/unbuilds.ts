import { compositeAlarmUnbuild } from './composite-alarm/unbuild';
import { dashboardUnbuild } from './dashboard/unbuild';
import { forwarderFunctionUnbuild } from './forwarder-function/unbuild';
import { forwarderPermissionUnbuild } from './forwarder-permission/unbuild';
import { forwarderQueueUnbuild } from './forwarder-queue/unbuild';
import { forwarderRoleUnbuild } from './forwarder-role/unbuild';
import { logGroupUnbuild } from './log-group/unbuild';
import { metricAlarmUnbuild } from './metric-alarm/unbuild';
import { metricFilterUnbuild } from './metric-filter/unbuild';
import { subscriptionUnbuild } from './subscription/unbuild';
import { subscriptionFilterUnbuild } from './subscription-filter/unbuild';
import { queryDefinitionUnbuild } from './query-definition/unbuild';
import { topicUnbuild } from './topic/unbuild';
import type { UnbuildTable } from './unbuild';
import { anomalyDetectorUnbuild } from './anomaly-detector/unbuild';

/**
 * Each kind's reverse of its YAML form (kinds/<kind>/unbuild.ts), for `monitors import`. A kind
 * without one fails to compile here and fails test/architecture/kind-unbuild.test.ts by name.
 */
export const UNBUILDS: UnbuildTable = {
  topic: topicUnbuild,
  subscription: subscriptionUnbuild,
  logGroup: logGroupUnbuild,
  metricFilter: metricFilterUnbuild,
  subscriptionFilter: subscriptionFilterUnbuild,
  metricAlarm: metricAlarmUnbuild,
  compositeAlarm: compositeAlarmUnbuild,
  dashboard: dashboardUnbuild,
  queryDefinition: queryDefinitionUnbuild,
  anomalyDetector: anomalyDetectorUnbuild,
  forwarderRole: forwarderRoleUnbuild,
  forwarderQueue: forwarderQueueUnbuild,
  forwarderFunction: forwarderFunctionUnbuild,
  forwarderPermission: forwarderPermissionUnbuild,
};
