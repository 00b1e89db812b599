/** Replays one alarm definition over fetched history through the simulator and sums up what it did. */
import { simulateMetricAlarm, type AlarmTimeline, type Datapoint } from '../simulate';
import type { Outcome, SeriesPoint } from './types';
import type { MetricAlarmSpec } from '../kinds/specs';

/**
 * GetMetricData answers one value per period, already the alarm's statistic. The simulator computes a
 * statistic over raw values, so the replayed copy reads each period's single value as its Maximum
 * (the identity for one value); the low-sample-count rule needs the raw samples and is not replayed.
 */
export function asAggregated(alarm: MetricAlarmSpec, period: number): MetricAlarmSpec {
  const metric = alarm.metric ?? { namespace: 'metric-math', metricName: alarm.name, dimensions: {}, period };
  return {
    ...alarm,
    metric: { ...metric, period, statistic: 'Maximum', extendedStatistic: undefined },
    metrics: undefined,
    evaluateLowSampleCountPercentile: undefined,
  };
}

export function replay(
  alarm: MetricAlarmSpec,
  datapoints: readonly Datapoint[],
  window: { from: number; to: number },
): { outcome: Outcome; series: SeriesPoint[] } {
  const timeline = simulateMetricAlarm(alarm, datapoints, window);
  return {
    outcome: summarize(alarm, timeline),
    series: timeline.periods.map((p) => ({ start: p.start, value: p.value ?? null })),
  };
}

function summarize(alarm: MetricAlarmSpec, t: AlarmTimeline): Outcome {
  const periodMs = (alarm.metric?.period ?? 60) * 1000;
  const fired = t.transitions.filter((x) => x.to === 'ALARM');
  // Each evaluation's state holds until the next one; the last holds past the window's end.
  const inAlarm = t.evaluations.slice(0, -1).filter((e) => e.state === 'ALARM').length;
  return {
    threshold: alarm.threshold,
    comparison: alarm.comparisonOperator,
    datapointsToAlarm: alarm.datapointsToAlarm,
    evaluationPeriods: alarm.evaluationPeriods,
    treatMissingData: alarm.treatMissingData,
    fired: fired.length,
    msInAlarm: inAlarm * periodMs,
    lastFired: fired.at(-1)?.at,
    endState: t.evaluations.at(-1)?.state ?? 'INSUFFICIENT_DATA',
    missingPeriods: t.periods.filter((p) => p.value === undefined).length,
  };
}
