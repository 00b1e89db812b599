/**
 * What each kind means to the live checks and the cost estimate (src/live-checks/, src/cost/): the
 * metrics a resource reads, the metrics it will emit, the log sample it wants checked, and what it
 * is billed for. The checks and the estimate iterate this table and name no kind, so any resource
 * that is an ordinary metric alarm, composite or filter in the desired model (packs, SLOs) is
 * checked and priced without more code.
 */
import type { ResourceKind, ResourceSpec } from '../model';
import { compositeAlarmLive } from './composite-alarm/live';
import { dashboardLive } from './dashboard/live';
import { forwarderLive } from './shared/forwarder-live';
import { metricAlarmLive } from './metric-alarm/live';
import { metricFilterLive } from './metric-filter/live';
import type { KindLive } from './live-types';
import { anomalyDetectorLive } from './anomaly-detector/live';

export type {
  Billable,
  BillableItem,
  EmittedSeries,
  KindLive,
  MetricRead,
  StateActions,
  ThresholdTest,
} from './live-types';

type LiveTable = { readonly [K in ResourceKind]: KindLive<Extract<ResourceSpec, { kind: K }>> };

const NOTHING: KindLive = { bills: () => [] };

/** Every kind's share; a kind that costs nothing and reads no metric says so with NOTHING. */
export const LIVE: LiveTable = {
  topic: NOTHING,
  subscription: NOTHING,
  logGroup: NOTHING,
  metricFilter: metricFilterLive,
  metricAlarm: metricAlarmLive,
  compositeAlarm: compositeAlarmLive,
  forwarderQueue: forwarderLive,
  forwarderRole: NOTHING,
  forwarderFunction: forwarderLive,
  forwarderPermission: NOTHING,
  dashboard: dashboardLive,
  // CloudWatch bills neither (the destination a subscription filter feeds bills for itself).
  subscriptionFilter: NOTHING,
  queryDefinition: NOTHING,
  anomalyDetector: anomalyDetectorLive,
};

/** The live share of a spec's kind (the widening is sound: LIVE maps each kind to its own). */
export function liveOf(spec: ResourceSpec): KindLive {
  return LIVE[spec.kind] as unknown as KindLive;
}
