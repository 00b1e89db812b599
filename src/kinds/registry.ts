import type { ResourceKind } from '../model/resources';
import { compositeAlarmInfo } from './composite-alarm/kind';
import { forwarderFunctionInfo } from './forwarder-function/kind';
import { forwarderPermissionInfo } from './forwarder-permission/kind';
import { forwarderQueueInfo } from './forwarder-queue/kind';
import { forwarderRoleInfo } from './forwarder-role/kind';
import { dashboardInfo } from './dashboard/kind';
import type { KindInfo, KindTable, NameSpace } from './kind';
import { logGroupInfo } from './log-group/kind';
import { metricAlarmInfo } from './metric-alarm/kind';
import { metricFilterInfo } from './metric-filter/kind';
import { subscriptionInfo } from './subscription/kind';
import { subscriptionFilterInfo } from './subscription-filter/kind';
import { queryDefinitionInfo } from './query-definition/kind';
import { topicInfo } from './topic/kind';
import { anomalyDetectorInfo } from './anomaly-detector/kind';

/**
 * What every kind is, without AWS: adding a kind adds its folder (kind.ts + handler.ts), one line
 * here and one in kinds/index.ts, its name in RESOURCE_KINDS (its spec.ts adds itself to ResourceSpec), and its YAML in the schema.
 */
export const KINDS: KindTable = {
  topic: topicInfo,
  subscription: subscriptionInfo,
  logGroup: logGroupInfo,
  metricFilter: metricFilterInfo,
  subscriptionFilter: subscriptionFilterInfo,
  metricAlarm: metricAlarmInfo,
  compositeAlarm: compositeAlarmInfo,
  forwarderQueue: forwarderQueueInfo,
  forwarderRole: forwarderRoleInfo,
  forwarderFunction: forwarderFunctionInfo,
  forwarderPermission: forwarderPermissionInfo,
  dashboard: dashboardInfo,
  queryDefinition: queryDefinitionInfo,
  anomalyDetector: anomalyDetectorInfo,
};

/**
 * The info of a kind, for callers holding a spec of some kind. TypeScript cannot relate a union
 * spec's kind to the table entry of that same kind (microsoft/TypeScript#30581), so the widening is
 * done here, once, and is sound because KINDS maps every kind to the info of that kind.
 */
export function kindInfo(kind: ResourceKind): KindInfo<ResourceKind> {
  return KINDS[kind] as unknown as KindInfo<ResourceKind>;
}

/** The name space a kind's names live in: its own unless it shares one. */
export function nameSpaceOf(kind: ResourceKind): NameSpace {
  const info = KINDS[kind];
  return info.nameSpace ?? { id: kind, label: info.label };
}

/** A name space by its id, as a reference names it. */
export function referenceSpace(id: string): NameSpace {
  const kind = (Object.keys(KINDS) as ResourceKind[]).find((k) => nameSpaceOf(k).id === id);
  return kind ? nameSpaceOf(kind) : { id, label: id };
}
