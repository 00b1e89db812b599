/** What the live checks find: per alarm and filter of a plan, whether it can ever fire or match. */
import type { SourceLocation } from '../model';
import type { CostEstimate } from '../cost/estimate';

/** A metric as CloudWatch identifies it. */
export interface SeriesRef {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** One nearer spelling of what a resource names. */
export interface Suggestion {
  readonly field: 'metric name' | 'dimension name' | 'dimension value';
  readonly given: string;
  readonly nearest: string;
}

interface About {
  /** The resource, as the plan shows its name (masked when secret). */
  readonly subject: string;
  readonly source?: SourceLocation;
  /** The metric or its dimensions come from a secret: messages name none of them. */
  readonly hidden: boolean;
}

/** Every finding is a warning or a note: none ever fails a plan. */
export type Finding =
  | (About & {
      readonly code: 'NO_SUCH_SERIES';
      readonly metric: SeriesRef;
      readonly suggestions: readonly Suggestion[];
      /** The dimension-name sets the metric has (up to a few), when the name exists. */
      readonly has: readonly (readonly string[])[];
      /** Nothing at all in the namespace. */
      readonly emptyNamespace: boolean;
    })
  | (About & {
      readonly code: 'NO_RECENT_DATA';
      readonly metric: SeriesRef;
      readonly days: number;
      /** The alarm's unit matches no datapoint, while the metric has data in other units. */
      readonly unit?: string;
    })
  | (About & {
      readonly code: 'PERIOD_BELOW_RESOLUTION';
      readonly metric: SeriesRef;
      readonly period: number;
      readonly resolution: number;
    })
  | (About & { readonly code: 'THRESHOLD_UNREACHABLE'; readonly reason: string })
  | (About & {
      readonly code: 'FILTER_MATCH_RATE';
      readonly logGroup: string;
      readonly matched: number;
      readonly sampled: number;
      readonly hours: number;
      /** The sample stopped at the cap: older events of the window were not read. */
      readonly capped: boolean;
    })
  | (About & { readonly code: 'FILTER_NO_EVENTS'; readonly logGroup: string; readonly hours: number })
  | (About & { readonly code: 'FILTER_DIMENSION_VALUES'; readonly distinct: number; readonly sampled: number });

export type FindingCode = Finding['code'];

/** A check that could not run (no permission, an emulator without the call): said once, never fatal. */
export interface SkippedCheck {
  readonly check: 'series' | 'recent data' | 'filters';
  readonly reason: string;
}

export interface LiveCheckReport {
  readonly findings: readonly Finding[];
  readonly skipped: readonly SkippedCheck[];
  /** How many alarms' metrics and filters were checked. */
  readonly checked: { readonly alarms: number; readonly series: number; readonly filters: number };
  /** AWS calls the checks made, by "Service.Operation". */
  readonly calls: Readonly<Record<string, number>>;
  readonly cost: CostEstimate;
}

/** Is a finding a warning (it may never fire) or a note (worth knowing)? */
export function severityOf(f: Finding): 'warning' | 'info' {
  switch (f.code) {
    case 'NO_SUCH_SERIES':
    case 'NO_RECENT_DATA':
    case 'PERIOD_BELOW_RESOLUTION':
    case 'THRESHOLD_UNREACHABLE':
    case 'FILTER_NO_EVENTS':
      return 'warning';
    case 'FILTER_MATCH_RATE':
      return f.matched === 0 && f.sampled > 0 ? 'warning' : 'info';
    case 'FILTER_DIMENSION_VALUES':
      return 'info';
  }
}
