import type { Tags } from '../../model';
import type { BurnAlert } from './policy';

/** A metric of an SLI, normalized (dimensions sorted). */
export interface SloMetric {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
}

/** One side of a ratio SLI. */
export type SliSide =
  | { readonly form: 'metric'; readonly metric: SloMetric }
  | { readonly form: 'expression'; readonly expression: string };

/** The SLI: which events are bad, as an error rate the alarms can compute. */
export type Sli =
  | {
      readonly form: 'ratio';
      readonly good?: SliSide;
      readonly bad?: SliSide;
      /** Absent when good and bad are given (total = good + bad). */
      readonly total?: SliSide;
      /** Metrics that the sides' expressions name, by id. */
      readonly metrics: Readonly<Record<string, SloMetric>>;
    }
  | { readonly form: 'latency'; readonly metric: SloMetric; readonly threshold: number };

/** An SLO as the compiler takes it: checked, durations in seconds, topics as ARNs. */
export interface SloDefinition {
  readonly name: string;
  readonly description?: string;
  /** Percent, e.g. 99.9. */
  readonly target: number;
  /** Seconds. */
  readonly window: number;
  readonly sli: Sli;
  readonly pageActions: readonly string[];
  readonly ticketActions: readonly string[];
  /** An alarm whose ALARM state suppresses the page. */
  readonly suppressPageWhile?: string;
  readonly policy: readonly BurnAlert[];
  readonly tags: Tags;
}
