import { excerpt } from '../../model';
import { sortedRecord } from '../../model/normalize';
import type { RawQuery } from '../../shared/raw';
import { closest } from '../../shared/suggest';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { ANOMALY_DETECTOR_FIELDS } from './fields';
import type { MetricQuery } from '../metric-alarm/spec';
import { period } from '../shared/period';
import type { ExcludedTimeRange, SingleMetricDetectorSpec } from './spec';
import { knownTimezone, normalTimezone, parseRangeTime, timezoneNames, validStat } from './time';

/** An `anomalyDetectors:` entry as the schema lets it through. */
export interface RawAnomalyDetector {
  readonly namespace?: string;
  readonly metric?: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly stat?: string;
  readonly metrics?: readonly RawQuery[];
  readonly excludedTimeRanges?: readonly { readonly start: string; readonly end: string }[];
  readonly timezone?: string;
}

function ranges(ctx: BuildContext, d: RawAnomalyDetector, path: PathSegment[]): ExcludedTimeRange[] {
  const out: ExcludedTimeRange[] = [];
  (d.excludedTimeRanges ?? []).forEach((r, i) => {
    const at = [...path, 'excludedTimeRanges', i];
    const start = parseRangeTime(r.start);
    const end = parseRangeTime(r.end);
    if ('problem' in start)
      ctx.error('SCHEMA', `excluded time range start: ${start.problem}`, ctx.at([...at, 'start']));
    if ('problem' in end) ctx.error('SCHEMA', `excluded time range end: ${end.problem}`, ctx.at([...at, 'end']));
    if (!('iso' in start) || !('iso' in end)) return;
    if (end.iso <= start.iso)
      ctx.error(
        'SCHEMA',
        `excluded time range ends (${end.iso}) before it starts (${start.iso}): the end must be after the start`,
        ctx.at([...at, 'end']),
      );
    out.push({ start: start.iso, end: end.iso });
  });
  return out.sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : 1));
}

function checkStat(ctx: BuildContext, stat: string, path: PathSegment[]): void {
  if (!validStat(stat))
    ctx.error(
      'SCHEMA',
      `stat ${JSON.stringify(stat.slice(0, 50))} is not one an anomaly detector takes: SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile (p99, p99.9) or a trimmed form (tm90, TM(10%:90%))`,
      ctx.at(path),
    );
}

/** A metric-math query, in the alarms' form; returnData defaults to true for an expression, as there. */
function query(ctx: BuildContext, q: RawQuery, path: PathSegment[]): MetricQuery {
  if ((q.expression === undefined) === (q.metric === undefined))
    ctx.error('SCHEMA', `query ${excerpt(q.id)} needs exactly one of expression or metric`, ctx.at(path));
  const m = q.metric;
  if (m?.stat === undefined && m !== undefined)
    ctx.error(
      'SCHEMA',
      `query ${excerpt(q.id)}'s metric needs a stat (e.g. Sum, Average, p99)`,
      ctx.at([...path, 'metric']),
    );
  if (m?.stat !== undefined) checkStat(ctx, m.stat, [...path, 'metric', 'stat']);
  return {
    id: q.id,
    expression: q.expression,
    label: q.label,
    returnData: q.returnData ?? q.expression !== undefined,
    period: q.period === undefined ? undefined : period(ctx, q.period, [...path, 'period'], 60),
    accountId: q.accountId,
    metricStat: m && {
      namespace: m.namespace,
      metricName: m.name,
      dimensions: sortedRecord(m.dimensions),
      period: period(ctx, m.period, [...path, 'metric', 'period'], 60),
      stat: m.stat ?? 'Average',
      unit: m.unit,
    },
  };
}

/** What the detector models: one metric and statistic, or metric math (exactly one of the two forms). */
function identity(
  ctx: BuildContext,
  d: RawAnomalyDetector,
  path: PathSegment[],
): Pick<SingleMetricDetectorSpec, 'namespace' | 'metricName' | 'dimensions' | 'stat'> | { metrics: MetricQuery[] } {
  if (d.metrics !== undefined) {
    const single = (['namespace', 'metric', 'dimensions', 'stat'] as const).find((k) => d[k] !== undefined);
    if (single)
      ctx.error(
        'SCHEMA',
        `a detector models one metric (namespace, metric, stat) or metric math (metrics), not both: ${single} is set beside metrics`,
        ctx.at([...path, single]),
      );
    const metrics = d.metrics.map((q, i) => query(ctx, q, [...path, 'metrics', i]));
    const returned = metrics.filter((q) => q.returnData).length;
    if (returned !== 1)
      ctx.error(
        'SCHEMA',
        `a metric-math detector models exactly one series: one query with returnData: true (it has ${returned})`,
        ctx.at([...path, 'metrics']),
      );
    return { metrics };
  }
  const missing = (['namespace', 'metric', 'stat'] as const).filter((k) => d[k] === undefined);
  if (missing.length > 0)
    ctx.error(
      'SCHEMA',
      `a detector needs ${missing.join(', ')} (the metric and statistic it models), or metrics for metric math`,
      ctx.at(path),
    );
  if (d.stat !== undefined) checkStat(ctx, d.stat, [...path, 'stat']);
  return {
    namespace: d.namespace ?? '',
    metricName: d.metric ?? '',
    dimensions: sortedRecord(d.dimensions),
    stat: d.stat ?? '',
  };
}

function build(ctx: BuildContext, d: RawAnomalyDetector, path: PathSegment[]): void {
  if (d.timezone !== undefined && !knownTimezone(d.timezone)) {
    const near = closest(d.timezone, timezoneNames());
    ctx.error(
      'SCHEMA',
      `timezone ${JSON.stringify(d.timezone.slice(0, 50))} is not an IANA time zone${near ? ` (did you mean ${near}?)` : ' (e.g. Europe/Paris, America/New_York, UTC)'}`,
      ctx.at([...path, 'timezone']),
    );
  }
  const what = identity(ctx, d, path);
  const metricTimezone = normalTimezone(d.timezone);
  ctx.push(
    {
      spec: {
        kind: 'anomalyDetector',
        ...what,
        excludedTimeRanges: ranges(ctx, d, path),
        ...(metricTimezone !== undefined ? { metricTimezone } : {}),
      },
      source: ctx.at(path),
    },
    ANOMALY_DETECTOR_FIELDS,
    path,
  );
}

/** `anomalyDetectors:`: CloudWatch anomaly detection models, one per metric and statistic. */
export const anomalyDetectorsForm: YamlForm = {
  key: 'anomalyDetectors',
  build(ctx, raw) {
    (raw.anomalyDetectors as RawAnomalyDetector[] | undefined)?.forEach((d, i) =>
      build(ctx, d, ['anomalyDetectors', i]),
    );
  },
};
