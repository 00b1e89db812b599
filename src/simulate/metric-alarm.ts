/**
 * Simulates one metric alarm over a window of time from raw datapoints: each period's statistic, an
 * evaluation at the end of every period, the state after each, and the transitions with their actions.
 */
import { MonitorsError } from '../model';
import { breaches, isBandOperator, type Threshold } from './compare';
import { evaluateRange, evaluationRangeLength, type AlarmState, type Point } from './evaluate';
import { groupByPeriod, periodStart } from './periods';
import { computeStatistic, lowSampleCount, parseStatistic } from './statistics';
import { actionsFor, transitionsOf, type AlarmTimeline, type PeriodValue } from './timeline';
import type { MetricAlarmSpec } from '../kinds/specs';

/** A raw metric value at a time (ms since epoch). */
export interface Datapoint {
  readonly timestamp: number;
  readonly value: number;
}

/** The simulated span: evaluations happen at period ends in (from, to]. */
export interface SimulationWindow {
  readonly from: number;
  readonly to: number;
}

/** The anomaly detection band of a period, for the band operators; absent periods count as missing. */
export type BandLookup = (periodStartMs: number) => { lower: number; upper: number } | undefined;

export function simulateMetricAlarm(
  alarm: MetricAlarmSpec,
  datapoints: readonly Datapoint[],
  window: SimulationWindow,
  band?: BandLookup,
): AlarmTimeline {
  const metric = alarm.metric;
  if (!metric) {
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name} uses metric math; the simulator evaluates single-metric alarms`,
    );
  }
  const statName = metric.statistic ?? metric.extendedStatistic ?? '';
  const stat = parseStatistic(statName);
  if (!stat)
    throw new MonitorsError('USAGE', `alarm ${alarm.name}: the simulator does not know the statistic "${statName}"`);
  const bandOp = isBandOperator(alarm.comparisonOperator);
  if (bandOp && !band) {
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name} compares with an anomaly detection band: give its edges per period (in a rule test, under bands:)`,
    );
  }
  if (!bandOp && alarm.threshold === undefined) {
    throw new MonitorsError('USAGE', `alarm ${alarm.name} has no static threshold to simulate`);
  }
  const periodMs = metric.period * 1000;
  const grouped = groupByPeriod(datapoints, metric.period);
  const first = periodStart(window.from, metric.period);
  const ignoreLowSamples = alarm.evaluateLowSampleCountPercentile === 'ignore';

  const periods: PeriodValue[] = [];
  const classify = new Map<number, Point>();
  const rangeLength = evaluationRangeLength(alarm.evaluationPeriods);
  // Periods before the window can hold datapoints too (a test may start mid-stream); include the range.
  for (let start = first - rangeLength * periodMs; start + periodMs <= window.to; start += periodMs) {
    const values = grouped.get(start) ?? [];
    const value = computeStatistic(stat, values);
    if (start >= first) periods.push({ start, value, sampleCount: values.length });
    const threshold: Threshold | undefined = bandOp
      ? band?.(start) && { kind: 'band', ...(band(start) as { lower: number; upper: number }) }
      : { kind: 'static', value: alarm.threshold as number };
    // Our reading of "have the alarm ignore the metric while the sample size is low": such a period
    // counts as missing. A band operator's period without a band value is missing as well.
    const usable =
      value !== undefined && threshold !== undefined && !(ignoreLowSamples && lowSampleCount(stat, values.length));
    classify.set(
      start,
      usable ? (breaches(value, alarm.comparisonOperator, threshold) ? 'breaching' : 'notBreaching') : 'missing',
    );
  }

  const evaluations: { at: number; state: AlarmState; reason: string }[] = [];
  let state: AlarmState = 'INSUFFICIENT_DATA';
  for (let end = first + periodMs; end <= window.to; end += periodMs) {
    const range: Point[] = [];
    for (let k = rangeLength; k >= 1; k--) range.push(classify.get(end - k * periodMs) ?? 'missing');
    const e = evaluateRange(range, alarm, state);
    state = e.state;
    evaluations.push({ at: end, state: e.state, reason: e.reason });
  }
  return {
    name: alarm.name,
    kind: 'metricAlarm',
    periods,
    evaluations,
    transitions: transitionsOf(evaluations, (to) => actionsFor(alarm, to)),
  };
}
