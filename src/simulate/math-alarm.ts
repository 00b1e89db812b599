/**
 * A metric-math alarm simulated over a sliding window: CloudWatch's default EvaluationWindow
 * ("SlidingWindow ... advances each time the alarm is evaluated, forming a rolling time window",
 * "Alarm evaluation window", CloudWatch User Guide) evaluated once a minute. At each evaluation the
 * range is N + 2 slices of the period ending then (evaluate.ts), each slice's statistic per query, then
 * the expressions in order, then the documented missing-data rules on the returned one.
 */
import { MonitorsError } from '../model';
import { breaches } from './compare';
import { evaluateRange, evaluationRangeLength, type AlarmState, type Point } from './evaluate';
import { sameMetric, type MetricDatapoint } from './logs';
import { evaluateMath, parseMath, type MathNode } from './math';
import type { SimulationWindow } from './metric-alarm';
import { computeStatistic, parseStatistic, type Statistic } from './statistics';
import { actionsFor, transitionsOf, type AlarmTimeline, type PeriodValue } from './timeline';
import type { MetricAlarmSpec, MetricQuery } from '../kinds/specs';
import { isInsightsExpression } from '../kinds/metric-alarm/metrics-insights/syntax';

const MINUTE = 60_000;

/** One query's datapoints in time order, with running sums so a slice's Sum and SampleCount are O(log n). */
interface Series {
  readonly times: readonly number[];
  readonly values: readonly number[];
  readonly sums: readonly number[];
  readonly stat: Statistic;
  readonly statName: string;
}

function seriesOf(q: MetricQuery, points: readonly MetricDatapoint[], alarm: string): Series {
  const m = q.metricStat as NonNullable<MetricQuery['metricStat']>;
  const stat = parseStatistic(m.stat);
  if (!stat) throw new MonitorsError('USAGE', `alarm ${alarm}: the simulator does not know the statistic "${m.stat}"`);
  const mine = points.filter((d) => sameMetric(d, m)).sort((a, b) => a.timestamp - b.timestamp);
  const sums: number[] = [0];
  for (const d of mine) sums.push((sums[sums.length - 1] as number) + d.value);
  return { times: mine.map((d) => d.timestamp), values: mine.map((d) => d.value), sums, stat, statName: m.stat };
}

/** The first index whose time is at or after t. */
function lowerBound(times: readonly number[], t: number): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((times[mid] as number) < t) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** A query's statistic over [from, to), or undefined when no datapoint falls there. */
function sliceValue(s: Series, from: number, to: number): number | undefined {
  const a = lowerBound(s.times, from);
  const b = lowerBound(s.times, to);
  if (a === b) return undefined;
  if (s.statName === 'Sum') return (s.sums[b] as number) - (s.sums[a] as number);
  if (s.statName === 'SampleCount') return b - a;
  return computeStatistic(s.stat, s.values.slice(a, b));
}

/** Simulates a metric-math alarm with a static threshold; throws (USAGE) for what it cannot evaluate. */
export function simulateMathAlarm(
  alarm: MetricAlarmSpec,
  datapoints: readonly MetricDatapoint[],
  window: SimulationWindow,
): AlarmTimeline {
  const queries = alarm.metrics ?? [];
  if (queries.some((q) => isInsightsExpression(q.expression)))
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name}: its Metrics Insights query (SELECT …) is SQL that CloudWatch runs over whichever metrics match it at each evaluation; the simulator cannot evaluate it`,
    );
  const returned = queries.find((q) => q.returnData);
  if (!returned || alarm.threshold === undefined || alarm.thresholdMetricId !== undefined)
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name}: the simulator evaluates metric math against a static threshold`,
    );
  // Its series are computed by the rule from the log events it matches, per contributor: not a metric the test can feed.
  if (queries.some((q) => /INSIGHT_RULE_METRIC/i.test(q.expression ?? '')))
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name}: it reads a Contributor Insights rule (INSIGHT_RULE_METRIC), whose series the simulator does not compute`,
    );
  const periods = new Set(queries.flatMap((q) => (q.metricStat ? [q.metricStat.period] : [])));
  if (periods.size !== 1)
    throw new MonitorsError(
      'USAGE',
      `alarm ${alarm.name}: the simulator evaluates metric math whose metrics share one period`,
    );
  const periodMs = ([...periods][0] as number) * 1000;
  const series = new Map(
    queries.flatMap((q) => (q.metricStat ? [[q.id, seriesOf(q, datapoints, alarm.name)] as const] : [])),
  );
  const expressions: [string, MathNode][] = queries.flatMap((q) =>
    q.expression !== undefined ? [[q.id, parseMath(q.expression)] as [string, MathNode]] : [],
  );
  const valueOf = (from: number, to: number): number | undefined => {
    const values = new Map<string, number | undefined>();
    for (const [id, s] of series) values.set(id, sliceValue(s, from, to));
    for (const [id, node] of expressions) values.set(id, evaluateMath(node, values));
    return values.get(returned.id);
  };
  const threshold = { kind: 'static' as const, value: alarm.threshold };
  const rangeLength = evaluationRangeLength(alarm.evaluationPeriods);
  const evaluations: { at: number; state: AlarmState; reason: string }[] = [];
  const shown: PeriodValue[] = [];
  let state: AlarmState = 'INSUFFICIENT_DATA';
  for (let end = Math.floor(window.from / MINUTE) * MINUTE + MINUTE; end <= window.to; end += MINUTE) {
    const range: Point[] = [];
    for (let k = rangeLength; k >= 1; k--) {
      const v = valueOf(end - k * periodMs, end - (k - 1) * periodMs);
      if (k === 1) shown.push({ start: end - periodMs, value: v, sampleCount: v === undefined ? 0 : 1 });
      range.push(
        v === undefined ? 'missing' : breaches(v, alarm.comparisonOperator, threshold) ? 'breaching' : 'notBreaching',
      );
    }
    const e = evaluateRange(range, alarm, state);
    state = e.state;
    evaluations.push({ at: end, state, reason: e.reason });
  }
  return {
    name: alarm.name,
    kind: 'metricAlarm',
    periods: shown,
    evaluations,
    transitions: transitionsOf(evaluations, (to) => actionsFor(alarm, to)),
  };
}
