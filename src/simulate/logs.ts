/**
 * Log events through the stack's metric filters: which events each filter matches, the value and
 * dimensions it emits, and the filter's default value for quiet periods.
 */
import { periodStart } from './periods';
import type { MetricFilterSpec } from '../kinds/specs';

/** A log event as a test gives it. */
export interface LogEvent {
  readonly timestamp: number;
  readonly message: string;
  readonly logGroup: string;
}

/** What a filter does with one event (the engine's evaluateEvent result). */
export interface EventOutcome {
  readonly matched: boolean;
  readonly value?: number;
  readonly dimensions: Readonly<Record<string, string>>;
}

/** Evaluates one filter on one message; backed by src/patterns in production. */
export type FilterEvaluator = (filter: MetricFilterSpec, message: string) => EventOutcome;

/** A datapoint published to a metric (namespace, name and dimensions identify the metric). */
export interface MetricDatapoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: number;
}

/** One filter's verdict on each event of its log group (indexes into the events given). */
export interface FilterRun {
  readonly filter: MetricFilterSpec;
  readonly outcomes: readonly { readonly event: number; readonly outcome: EventOutcome }[];
}

/**
 * The period of a metric filter's default value. The console guide says the default is "reported to the
 * metric filter during a period when logs are ingested but no matching logs are found"; the API reference
 * (MetricTransformation.defaultValue) says "the value to emit when a filter pattern does not match a log
 * event". Our reading is the console's, with CloudWatch Logs' one-minute publishing resolution: one
 * default datapoint per minute in which the log group received events and none matched.
 */
export const DEFAULT_VALUE_PERIOD_SECONDS = 60;

/** Runs every filter over the events of its log group; returns each run and the datapoints published. */
export function runFilters(
  filters: readonly MetricFilterSpec[],
  events: readonly LogEvent[],
  evaluate: FilterEvaluator,
): { runs: FilterRun[]; datapoints: MetricDatapoint[] } {
  const runs: FilterRun[] = [];
  const datapoints: MetricDatapoint[] = [];
  for (const filter of filters) {
    const t = filter.transformation;
    const outcomes: { event: number; outcome: EventOutcome }[] = [];
    const minutesWithEvents = new Set<number>();
    const minutesWithMatches = new Set<number>();
    events.forEach((e, i) => {
      if (e.logGroup !== filter.logGroupName) return;
      const outcome = evaluate(filter, e.message);
      outcomes.push({ event: i, outcome });
      const minute = periodStart(e.timestamp, DEFAULT_VALUE_PERIOD_SECONDS);
      minutesWithEvents.add(minute);
      // A match whose value field is absent or not a number publishes nothing (the engine says so by
      // leaving value undefined).
      if (outcome.matched && outcome.value !== undefined) {
        minutesWithMatches.add(minute);
        datapoints.push({
          namespace: t.metricNamespace,
          metricName: t.metricName,
          dimensions: outcome.dimensions,
          timestamp: e.timestamp,
          value: outcome.value,
        });
      }
    });
    if (t.defaultValue !== undefined) {
      for (const minute of minutesWithEvents) {
        if (minutesWithMatches.has(minute)) continue;
        datapoints.push({
          namespace: t.metricNamespace,
          metricName: t.metricName,
          dimensions: {},
          timestamp: minute,
          value: t.defaultValue,
        });
      }
    }
    runs.push({ filter, outcomes });
  }
  return { runs, datapoints: datapoints.sort((a, b) => a.timestamp - b.timestamp) };
}

/** Whether a datapoint belongs to a metric: same namespace, name and exactly the same dimensions. */
export function sameMetric(
  dp: { namespace: string; metricName: string; dimensions: Readonly<Record<string, string>> },
  metric: { namespace: string; metricName: string; dimensions: Readonly<Record<string, string>> },
): boolean {
  if (dp.namespace !== metric.namespace || dp.metricName !== metric.metricName) return false;
  const a = Object.keys(dp.dimensions);
  const b = Object.keys(metric.dimensions);
  return a.length === b.length && a.every((k) => dp.dimensions[k] === metric.dimensions[k]);
}
