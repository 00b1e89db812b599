/**
 * What each kind means to the live checks and the cost estimate (src/live-checks/, src/cost/): the
 * metrics a resource reads, the metrics it will emit, the log sample it wants checked, and what it
 * is billed for. The checks and the estimate iterate this table and name no kind, so any resource
 * that is an ordinary metric alarm, composite or filter in the desired model (packs, SLOs) is
 * checked and priced without more code.
 */
import type { MetricFilterSpec, ResourceKind, ResourceSpec } from '../model/resources';
import { compositeAlarmLive } from './composite-alarm/live';
import { dashboardLive } from './dashboard/live';
import { forwarderLive } from './shared/forwarder-live';
import { metricAlarmLive } from './metric-alarm/live';
import { metricFilterLive } from './metric-filter/live';

/** One metric a resource reads, as CloudWatch identifies it, with how the resource reads it. */
export interface MetricRead {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly period: number;
  /** The statistic as GetMetricData takes it ("Average", "p99"). */
  readonly stat: string;
  readonly unit?: string;
  /** The spec field it comes from ("metric", "metrics.2.metricStat"), for sensitivity and messages. */
  readonly path: string;
}

/** What a resource's threshold test is, where a check can tell it can never be crossed. */
export interface ThresholdTest {
  readonly threshold: number;
  readonly comparison: string;
}

/** A metric the resource will publish; `anyValue` dimensions take values from the events. */
export interface EmittedSeries {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensionNames: readonly string[];
}

/** The billed items the price list knows (src/cost/prices.ts). */
export type BillableItem =
  | 'standardAlarmMetric'
  | 'highResolutionAlarmMetric'
  | 'compositeAlarms'
  | 'customMetric'
  | 'dashboards'
  | 'contributorInsightsRule'
  | 'negligible';

/** One billed item of a resource: how many, and what the count assumes. */
export interface Billable {
  readonly item: BillableItem;
  readonly count: number;
  /** Why the count is what it is, when it is a guess ("dimension values unknown: counted as 1"). */
  readonly assumption?: string;
  /** The key into observed dimension cardinality (a filter's emitted metric), when the count depends on it. */
  readonly perDimensionValue?: boolean;
}

/** The actions an alarm runs on entering each state (ARNs), when its actions are enabled. */
export interface StateActions {
  readonly ALARM: readonly string[];
  readonly OK: readonly string[];
  readonly INSUFFICIENT_DATA: readonly string[];
}

/** A kind's share in the live checks and the estimate; every member is optional except the bill. */
export interface KindLive<S extends ResourceSpec = ResourceSpec> {
  readonly reads?: (spec: S) => readonly MetricRead[];
  readonly threshold?: (spec: S) => ThresholdTest | undefined;
  readonly emits?: (spec: S) => readonly EmittedSeries[];
  /** A filter whose match rate is worth sampling from its log group's recent events. */
  readonly sample?: (spec: S) => MetricFilterSpec | undefined;
  readonly bills: (spec: S) => readonly Billable[];
  /** An alarm's actions per state: who hears of a state change right after apply. */
  readonly actions?: (spec: S) => StateActions;
}

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
};

/** The live share of a spec's kind (the widening is sound: LIVE maps each kind to its own). */
export function liveOf(spec: ResourceSpec): KindLive {
  return LIVE[spec.kind] as unknown as KindLive;
}
