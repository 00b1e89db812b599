/**
 * The types of the live-checks table (kinds/live.ts): each kind's live.ts implements KindLive, and
 * the table imports those; the types live here so that no kind imports the table (an import cycle).
 */
import type { ResourceSpec } from '../model';
import type { MetricFilterSpec } from './specs';

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
