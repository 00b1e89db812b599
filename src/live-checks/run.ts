/**
 * The live checks of a plan: which series its alarms read exist and have data, how often its filters
 * match, and what it costs. Reads AWS (ListMetrics, GetMetricData, FilterLogEvents) and never writes;
 * a check that cannot run is recorded once in `skipped` and the others go on.
 */
import { intervalPacer, type Pacer } from '../backtest/fetch-metrics';
import type { AwsClients } from '../aws/clients';
import { estimateCost } from '../cost/estimate';
import type { MetricRead } from '../kinds/live';
import { MonitorsError, type Plan } from '../model';
import { readCatalog } from './catalog';
import { DEFAULT_FILTER_LIMITS, sampleFilters, type FilterSampleLimits } from './filters';
import { readRecent, RECENT_DAYS } from './recent';
import { checkSeries } from './series';
import { alarmTargets, filterTargets, metricId, upcomingMetrics, type AlarmTarget } from './targets';
import { unreachable } from './threshold';
import type { Finding, LiveCheckReport, SkippedCheck } from './types';

export interface LiveCheckOptions {
  /** Check every alarm and filter, not only the new and changed ones. */
  readonly checkAll: boolean;
  readonly now?: number;
  readonly filterLimits?: FilterSampleLimits;
  /** Spacing of CloudWatch reads and of FilterLogEvents (far below their quotas, like the backtest). */
  readonly metricPacer?: Pacer;
  readonly logPacer?: Pacer;
}

/** "AccessDeniedException: …", for a check that could not run. */
function why(err: unknown): string {
  if (err instanceof MonitorsError) return `${err.code}: ${err.message}`;
  const e = err as { name?: string; message?: string };
  if (typeof e?.name === 'string') return `${e.name}: ${e.message ?? ''}`.trim();
  throw err;
}

type Read = MetricRead & { readonly hidden: boolean; readonly alarm: AlarmTarget };

export async function runLiveChecks(
  clients: Pick<AwsClients, 'cloudwatch' | 'logs' | 'calls'>,
  plan: Plan,
  options: LiveCheckOptions,
): Promise<LiveCheckReport> {
  const now = options.now ?? Date.now();
  const metricPace = options.metricPacer ?? intervalPacer(100);
  const logPace = options.logPacer ?? intervalPacer(250);
  const findings: Finding[] = [];
  const skipped: SkippedCheck[] = [];
  const before = clients.calls.snapshot();

  const alarms = alarmTargets(plan, options.checkAll);
  const upcoming = upcomingMetrics(plan);
  const reads: Read[] = alarms.flatMap((alarm) => alarm.reads.map((r) => ({ ...r, alarm })));
  for (const r of reads) {
    const reason = r.alarm.threshold && !r.alarm.thresholdHidden ? unreachable(r, r.alarm.threshold) : undefined;
    if (reason) findings.push({ code: 'THRESHOLD_UNREACHABLE', ...about(r), reason });
  }
  // A metric a new filter of the stack will publish has no series before the first apply.
  const checkable = reads.filter((r) => !upcoming.has(metricId(r.namespace, r.metricName)));
  const existing: Read[] = [];
  try {
    const catalog = await readCatalog(clients.cloudwatch, checkable, metricPace);
    for (const r of checkable) {
      const v = checkSeries(r, catalog.get(r.namespace));
      if (v.exists) existing.push(r);
      else {
        findings.push({
          code: 'NO_SUCH_SERIES',
          ...about(r),
          metric: series(r),
          suggestions: v.suggestions,
          has: v.has,
          emptyNamespace: v.emptyNamespace,
        });
      }
    }
  } catch (err) {
    skipped.push({ check: 'series', reason: why(err) });
  }
  if (existing.length > 0) {
    try {
      const { data } = await readRecent(clients.cloudwatch, existing, metricPace, now);
      existing.forEach((r, i) => {
        const d = data[i];
        if (!d || d.samples === undefined) return;
        if (d.samples === 0)
          findings.push({ code: 'NO_RECENT_DATA', ...about(r), metric: series(r), days: RECENT_DAYS });
        else if (r.unit && d.samplesInUnit === 0) {
          findings.push({ code: 'NO_RECENT_DATA', ...about(r), metric: series(r), days: RECENT_DAYS, unit: r.unit });
        }
        if (d.resolution !== undefined && r.period < d.resolution) {
          findings.push({
            code: 'PERIOD_BELOW_RESOLUTION',
            ...about(r),
            metric: series(r),
            period: r.period,
            resolution: d.resolution,
          });
        }
      });
    } catch (err) {
      skipped.push({ check: 'recent data', reason: why(err) });
    }
  }

  const filters = filterTargets(plan, options.checkAll);
  let cardinality = new Map<string, number>();
  if (filters.length > 0) {
    try {
      const sampled = await sampleFilters(
        clients.logs,
        filters,
        options.filterLimits ?? DEFAULT_FILTER_LIMITS,
        logPace,
        now,
      );
      findings.push(...sampled.findings);
      cardinality = sampled.cardinality;
    } catch (err) {
      skipped.push({ check: 'filters', reason: why(err) });
    }
  }

  return {
    findings,
    skipped,
    checked: { alarms: alarms.length, series: reads.length, filters: filters.length },
    calls: since(before, clients.calls.snapshot()),
    cost: estimateCost(plan, cardinality),
  };
}

function about(r: Read) {
  return { subject: r.alarm.subject, source: r.alarm.source, hidden: r.hidden };
}

function series(r: Read) {
  return { namespace: r.namespace, metricName: r.metricName, dimensions: r.dimensions };
}

/** The calls made between two snapshots of a counter. */
function since(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  return Object.fromEntries(
    Object.entries(b)
      .map(([op, n]) => [op, n - (a[op] ?? 0)] as const)
      .filter(([, n]) => n > 0),
  );
}
