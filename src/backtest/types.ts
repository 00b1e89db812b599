/** What a backtest produces: per alarm, the replayed history of its new and current definitions. */
import type { AlarmState } from '../simulate';

/** One period of the metric the alarm reads; null when the period had no datapoint. */
export interface SeriesPoint {
  readonly start: number;
  readonly value: number | null;
}

/** One definition replayed over the window. */
export interface Outcome {
  readonly threshold?: number;
  readonly comparison: string;
  /** M of N and the treat-missing-data setting the replay applied. */
  readonly datapointsToAlarm: number;
  readonly evaluationPeriods: number;
  readonly treatMissingData: string;
  /** Transitions into ALARM: what would have paged. */
  readonly fired: number;
  readonly msInAlarm: number;
  /** When it last went into ALARM (ms since epoch). */
  readonly lastFired?: number;
  /** The state at the end of the window. */
  readonly endState: AlarmState;
  readonly missingPeriods: number;
}

/** Where the replayed data came from. */
export type BacktestSource = 'metric' | 'logs';

export type BacktestEntry =
  | {
      readonly status: 'done';
      readonly alarm: string;
      readonly change: 'create' | 'update' | 'replace' | 'adopt' | 'noop';
      readonly source: BacktestSource;
      readonly period: number;
      readonly statistic: string;
      readonly from: number;
      readonly to: number;
      /** The metric the new definition reads, per period. */
      readonly series: readonly SeriesPoint[];
      readonly next: Outcome;
      /** Absent for an alarm that does not exist yet. */
      readonly current?: Outcome;
      /** Caveats a reviewer must see (window cut, statistic approximations, ...). */
      readonly notes: readonly string[];
    }
  | {
      readonly status: 'skipped';
      readonly alarm: string;
      readonly change: 'create' | 'update' | 'replace' | 'adopt' | 'noop';
      readonly reason: string;
    };

/** What the backtest cost, stated in every output. */
export interface BacktestCost {
  readonly metricsRequested: number;
  readonly getMetricDataCalls: number;
  readonly filterLogEventsCalls: number;
  readonly logEventsRead: number;
  readonly logBytesRead: number;
}

export interface BacktestLimits {
  /** The window, in seconds back from now. */
  readonly sinceSeconds: number;
  /** The metric queries one backtest may request. */
  readonly maxMetrics: number;
  /** The log bytes one backtest may read. */
  readonly maxLogBytes: number;
  /** The log events one log group's backtest may read (the window is cut there). */
  readonly maxLogEvents: number;
}

export interface BacktestReport {
  readonly since: string;
  readonly sinceSeconds: number;
  readonly entries: readonly BacktestEntry[];
  readonly cost: BacktestCost;
  readonly limits: BacktestLimits;
}

export const DEFAULT_LIMITS: BacktestLimits = {
  sinceSeconds: 14 * 86400,
  maxMetrics: 500,
  maxLogBytes: 50 * 1024 * 1024,
  maxLogEvents: 100_000,
};
