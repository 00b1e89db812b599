/**
 * The backtest: which alarms of a plan to replay, what history that needs (within the budget), one
 * fetch of it, and a replay of the new and the current definition of each. Reads AWS; the renderers
 * only format the report it returns.
 */
import type { CloudWatchClient, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import { isSensitivePath, MonitorsError, type Change, type Plan } from '../model';
import { engineEvaluator, periodStart, runFilters, sameMetric, type Datapoint } from '../simulate';
import { fetchLogEvents, type LogFetch } from './fetch-logs';
import { isInsightsExpression } from '../kinds/metric-alarm/metrics-insights/syntax';
import { fetchSeries, intervalPacer, type Pacer, type SeriesRequest, type SeriesResult } from './fetch-metrics';
import { asAggregated, replay } from './replay';
import type { BacktestEntry, BacktestLimits, BacktestReport, Outcome, SeriesPoint } from './types';
import { formatTime, windowFor } from './window';
import type { MetricAlarmSpec, MetricFilterSpec } from '../kinds/specs';

export interface BacktestOptions {
  readonly limits: BacktestLimits;
  readonly since: string;
  /** Only this alarm. */
  readonly only?: string;
  /** Also alarms the plan leaves unchanged (`monitors backtest`); the plan section shows changes only. */
  readonly includeUnchanged: boolean;
  readonly now?: number;
  /** Spacing of GetMetricData / FilterLogEvents calls; defaults keep far below the default quotas (50 and 5 per second). */
  readonly metricPacer?: Pacer;
  readonly logPacer?: Pacer;
  /** Overrides the time budget of each filter pattern over the events (tests: a clock that costs per event). */
  readonly patternBudget?: { readonly budgetMs?: number; readonly clock?: () => number };
}

type ChangeAction = Extract<BacktestEntry, { status: 'done' }>['change'];

interface Target {
  readonly change: ChangeAction;
  readonly next: MetricAlarmSpec;
  readonly current?: MetricAlarmSpec;
  /** New or changed filters that emit the new definition's metric: it has no history under them. */
  readonly filters: readonly MetricFilterSpec[];
  /** A threshold or metric from `${env:}` (or otherwise marked): a chart would print it. */
  readonly sensitive: boolean;
}

/** The metric alarms a plan creates or changes (or, with includeUnchanged, all it declares). */
export function backtestTargets(plan: Plan, includeUnchanged: boolean, only?: string): Target[] {
  const changedFilters = plan.changes.flatMap((c) =>
    isNewFilter(c) && 'after' in c && c.after.kind === 'metricFilter' ? [c.after] : [],
  );
  const out: Target[] = [];
  for (const c of plan.changes) {
    if (c.action === 'delete') continue;
    if (c.action === 'noop' && !includeUnchanged) continue;
    const next = c.action === 'noop' ? c.before : c.after;
    if (next.kind !== 'metricAlarm' || (only !== undefined && next.name !== only)) continue;
    const before = c.action === 'create' ? undefined : c.before;
    const current = before?.kind === 'metricAlarm' ? before : undefined;
    const m = next.metric;
    const filters = m
      ? changedFilters.filter(
          (f) => f.transformation.metricNamespace === m.namespace && f.transformation.metricName === m.metricName,
        )
      : [];
    const marks = c.sensitive ?? [];
    const sensitive = ['threshold', 'metric', 'metrics', 'name'].some((p) => isSensitivePath(marks, p));
    out.push({ change: c.action, next, current, filters, sensitive });
  }
  return out;
}

/** A filter that is new, or whose pattern or transformation changes: its metric's history is not the new one's. */
function isNewFilter(c: Change): boolean {
  if (c.key.kind !== 'metricFilter') return false;
  if (c.action === 'create') return true;
  if (c.action !== 'update' && c.action !== 'replace') return false;
  return c.diffs.some((d) => d.path === 'filterPattern' || d.path.startsWith('transformation'));
}

/** Why a definition cannot be replayed from metric history, or undefined. */
function unsupported(alarm: MetricAlarmSpec): string | undefined {
  if (alarm.metrics?.some((q) => isInsightsExpression(q.expression))) {
    return 'is a Metrics Insights query (SQL), which CloudWatch runs over whichever metrics match it at each evaluation, each GROUP BY series a contributor of its own; the replay cannot evaluate it, so it is not backtested';
  }
  if (alarm.metrics?.some((q) => /ANOMALY_DETECTION_BAND/i.test(q.expression ?? ''))) {
    return 'compares with an anomaly detection band, which CloudWatch trains on history; the simulator needs the band given, so it is not backtested';
  }
  // Its series are the rule's own reports: a new or changed rule has none, and the simulator cannot compute them from logs.
  if (alarm.metrics?.some((q) => /INSIGHT_RULE_METRIC/i.test(q.expression ?? ''))) {
    return 'reads a Contributor Insights rule (INSIGHT_RULE_METRIC), whose series only the rule itself computes from the log events it matched, so it is not backtested';
  }
  if (alarm.threshold === undefined) return 'has no static threshold to replay';
  return incompleteMetric(alarm);
}

/**
 * A definition GetMetricData would refuse: AWS's model requires a namespace and a metric name of at
 * least one character, and one bad query rejects the whole batch (every other alarm's series with it).
 * Seen on a live alarm an emulator returned without its metric.
 */
function incompleteMetric(alarm: MetricAlarmSpec): string | undefined {
  const m = alarm.metric;
  if (m)
    return m.namespace && m.metricName ? undefined : 'names no metric (namespace and name), so it is not backtested';
  const qs = alarm.metrics ?? [];
  if (qs.length === 0) return 'names no metric, so it is not backtested';
  const bad = qs.find((q) => q.metricStat && !(q.metricStat.namespace && q.metricStat.metricName));
  if (bad) return `has a query (${bad.id}) with no metric namespace or name, so it is not backtested`;
  if (qs.some((q) => !q.metricStat && !q.expression))
    return 'has a query with neither a metric nor an expression, so it is not backtested';
  return undefined;
}

function request(alarm: MetricAlarmSpec, now: number, sinceSeconds: number): SeriesRequest {
  const m = alarm.metric;
  if (m) {
    const w = windowFor(now, sinceSeconds, m.period);
    const stat = m.statistic ?? m.extendedStatistic ?? 'Average';
    return {
      key: JSON.stringify([
        'stat',
        m.namespace,
        m.metricName,
        Object.entries(m.dimensions).sort(),
        m.period,
        stat,
        m.unit,
      ]),
      from: w.from,
      to: w.to,
      period: m.period,
      query: {
        kind: 'stat',
        stat: {
          MetricStat: {
            Metric: {
              Namespace: m.namespace,
              MetricName: m.metricName,
              Dimensions: Object.entries(m.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: m.period,
            Stat: stat,
            ...(m.unit ? { Unit: m.unit as never } : {}),
          },
        },
      },
    };
  }
  const qs = alarm.metrics ?? [];
  const period = Math.max(60, ...qs.map((q) => q.metricStat?.period ?? q.period ?? 0));
  const w = windowFor(now, sinceSeconds, period);
  const result = qs.find((q) => q.returnData) ?? qs.at(-1);
  const queries: MetricDataQuery[] = qs.map((q) => ({
    Id: q.id,
    ReturnData: q === result,
    ...(q.label ? { Label: q.label } : {}),
    ...(q.expression ? { Expression: q.expression, Period: q.period ?? period } : {}),
    ...(q.metricStat
      ? {
          MetricStat: {
            Metric: {
              Namespace: q.metricStat.namespace,
              MetricName: q.metricStat.metricName,
              Dimensions: Object.entries(q.metricStat.dimensions).map(([Name, Value]) => ({ Name, Value })),
            },
            Period: q.metricStat.period,
            Stat: q.metricStat.stat,
          },
        }
      : {}),
    ...(q.accountId ? { AccountId: q.accountId } : {}),
  }));
  return {
    key: JSON.stringify(['math', alarm.name, alarm.metrics]),
    from: w.from,
    to: w.to,
    period,
    query: { kind: 'math', queries, resultId: result?.id ?? '' },
  };
}

function requestSize(r: SeriesRequest): number {
  return r.query.kind === 'stat' ? 1 : r.query.queries.filter((q) => q.MetricStat).length;
}

export async function runBacktest(
  clients: { readonly cloudwatch: CloudWatchClient; readonly logs: CloudWatchLogsClient },
  plan: Plan,
  options: BacktestOptions,
): Promise<BacktestReport> {
  const now = options.now ?? Date.now();
  const { limits } = options;
  const targets = backtestTargets(plan, options.includeUnchanged, options.only);
  const entries: BacktestEntry[] = [];
  const requests = new Map<string, SeriesRequest>();
  let metricsRequested = 0;
  let logBytesBudget = limits.maxLogBytes;
  const planned: { t: Target; next?: SeriesRequest; current?: SeriesRequest }[] = [];

  for (const t of targets) {
    if (t.sensitive) {
      entries.push({
        status: 'skipped',
        alarm: t.next.name,
        change: t.change,
        reason: 'its threshold or metric is sensitive: a backtest would print it',
      });
      continue;
    }
    const whyNot = t.filters.length > 0 && !t.next.metric ? 'reads metric math over a new filter' : unsupported(t.next);
    if (whyNot && t.filters.length === 0) {
      entries.push({ status: 'skipped', alarm: t.next.name, change: t.change, reason: `the new definition ${whyNot}` });
      continue;
    }
    const wanted: SeriesRequest[] = [];
    const next = t.filters.length > 0 ? undefined : request(t.next, now, limits.sinceSeconds);
    if (next) wanted.push(next);
    const current = t.current && !unsupported(t.current) ? request(t.current, now, limits.sinceSeconds) : undefined;
    if (current) wanted.push(current);
    const fresh = wanted.filter((r, i) => !requests.has(r.key) && wanted.findIndex((w) => w.key === r.key) === i);
    const cost = fresh.reduce((n, r) => n + requestSize(r), 0);
    if (metricsRequested + cost > limits.maxMetrics) {
      entries.push({
        status: 'skipped',
        alarm: t.next.name,
        change: t.change,
        reason: `budget: ${cost} more metric(s) would pass --max-metrics ${limits.maxMetrics} (${metricsRequested} requested)`,
      });
      continue;
    }
    metricsRequested += cost;
    for (const r of fresh) requests.set(r.key, r);
    planned.push({ t, next, current });
  }

  const fetched = await fetchSeries(
    clients.cloudwatch,
    [...requests.values()],
    options.metricPacer ?? intervalPacer(100),
  );
  const logs = new Map<string, LogFetch>();
  let filterLogEventsCalls = 0;
  let logEventsRead = 0;
  let logBytesRead = 0;

  for (const { t, next, current } of planned) {
    const notes: string[] = [];
    const currentOutcome = (): Outcome | undefined => {
      if (!t.current) return undefined;
      const why = unsupported(t.current);
      if (why) {
        notes.push(`the current definition ${why}`);
        return undefined;
      }
      if (!current) return undefined;
      const got = fetched.results.get(current.key);
      if (!got?.ok) {
        notes.push(`the current definition was not replayed: ${got?.error ?? 'no data'}`);
        return undefined;
      }
      return replay(asAggregated(t.current, current.period), points(got), current).outcome;
    };

    if (next) {
      const got = fetched.results.get(next.key) as SeriesResult;
      if (!got.ok) {
        entries.push({
          status: 'skipped',
          alarm: t.next.name,
          change: t.change,
          reason: `GetMetricData could not give the history: ${got.error}${t.next.metrics ? ' (metric math is evaluated by GetMetricData from its inputs)' : ''}`,
        });
        continue;
      }
      const w = windowFor(now, limits.sinceSeconds, next.period);
      if (w.note) notes.push(w.note);
      if (t.next.metrics) notes.push('metric math evaluated by GetMetricData from its inputs, replayed on the result');
      else if (t.next.evaluateLowSampleCountPercentile === 'ignore')
        notes.push(
          'low-sample-count periods are not replayed as missing (GetMetricData gives no sample count per percentile)',
        );
      const r = replay(asAggregated(t.next, next.period), points(got), next);
      entries.push(done(t, 'metric', next.period, next.from, next.to, r.series, r.outcome, currentOutcome(), notes));
      continue;
    }

    // The new definition counts events under new or changed filters: replay the log group's recent events.
    const metric = t.next.metric;
    if (!metric) continue;
    const w = windowFor(now, limits.sinceSeconds, metric.period);
    const datapoints: Datapoint[] = [];
    let to = w.to;
    // A pattern over its time budget is not replayed: the plan goes on, and the entry says why.
    let overBudget: string | undefined;
    for (const group of new Set(t.filters.map((f) => f.logGroupName))) {
      let got = logs.get(group);
      if (!got) {
        got = await fetchLogEventsIfAny(
          clients.logs,
          group,
          w.from,
          w.to,
          { maxEvents: limits.maxLogEvents, maxBytes: logBytesBudget },
          options.logPacer ?? intervalPacer(250),
        );
        logs.set(group, got);
        filterLogEventsCalls += got.calls;
        logEventsRead += got.events.length;
        logBytesRead += got.bytes;
        logBytesBudget = Math.max(0, logBytesBudget - got.bytes);
      }
      if (got.cutAt !== undefined) {
        // Only the periods the events fully cover are replayed, so the cut does not read as silence.
        to = Math.min(to, periodStart(got.cutAt, metric.period));
        notes.push(
          `window cut at ${formatTime(got.cutAt)}: ${got.cutBy === 'bytes' ? `--max-log-bytes ${limits.maxLogBytes}` : `--max-log-events ${limits.maxLogEvents}`} reached in ${group}; raise it to see more`,
        );
      }
      const filters = t.filters.filter((f) => f.logGroupName === group);
      try {
        const run = runFilters(filters, got.events, engineEvaluator(options.patternBudget));
        datapoints.push(...run.datapoints.filter((d) => sameMetric(d, metric)));
      } catch (err) {
        if (!(err instanceof MonitorsError) || err.code !== 'TIMEOUT') throw err;
        overBudget = err.message;
        break;
      }
    }
    if (overBudget !== undefined) {
      entries.push({ status: 'skipped', alarm: t.next.name, change: t.change, reason: `not replayed: ${overBudget}` });
      continue;
    }
    const groups = [...new Set(t.filters.map((f) => f.logGroupName))];
    if (groups.every((g) => logs.get(g)?.events.length === 0)) {
      const absent = groups.some((g) => logs.get(g)?.missing);
      entries.push({
        status: 'skipped',
        alarm: t.next.name,
        change: t.change,
        reason: absent
          ? 'its log group does not exist yet: no event to replay'
          : `its log group has no event in the last ${options.since}: nothing to replay`,
      });
      continue;
    }
    notes.push('replayed from the log events through the new filter pattern (the metric has no history under it yet)');
    if (to <= w.from) {
      entries.push({ status: 'skipped', alarm: t.next.name, change: t.change, reason: notes.join('; ') });
      continue;
    }
    const r = replay(t.next, datapoints, { from: w.from, to });
    entries.push(done(t, 'logs', metric.period, w.from, to, r.series, r.outcome, currentOutcome(), notes));
  }

  return {
    since: options.since,
    sinceSeconds: limits.sinceSeconds,
    entries,
    limits,
    cost: { metricsRequested, getMetricDataCalls: fetched.calls, filterLogEventsCalls, logEventsRead, logBytesRead },
  };
}

/** A log group the same plan creates has no events yet: nothing to replay, not an error. */
async function fetchLogEventsIfAny(...args: Parameters<typeof fetchLogEvents>): Promise<LogFetch> {
  try {
    return await fetchLogEvents(...args);
  } catch (err) {
    if ((err as { name?: string }).name === 'ResourceNotFoundException')
      return { events: [], bytes: 0, calls: 1, missing: true };
    throw err;
  }
}

function points(r: Extract<SeriesResult, { ok: true }>): Datapoint[] {
  return r.points.map((p) => ({ timestamp: p.timestamp, value: p.value }));
}

function done(
  t: Target,
  source: 'metric' | 'logs',
  period: number,
  from: number,
  to: number,
  series: SeriesPoint[],
  next: Outcome,
  current: Outcome | undefined,
  notes: string[],
): BacktestEntry {
  const m = t.next.metric;
  const statistic = m ? (m.statistic ?? m.extendedStatistic ?? '') : 'metric math';
  return {
    status: 'done',
    alarm: t.next.name,
    change: t.change,
    source,
    period,
    statistic,
    from,
    to,
    series,
    next,
    current,
    notes,
  };
}
