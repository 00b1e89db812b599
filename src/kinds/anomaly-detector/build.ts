import { closest } from '../../shared/suggest';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { ANOMALY_DETECTOR_FIELDS } from './fields';
import type { ExcludedTimeRange } from './spec';
import { knownTimezone, normalTimezone, parseRangeTime, timezoneNames, validStat } from './time';

/** An `anomalyDetectors:` entry as the schema lets it through. */
export interface RawAnomalyDetector {
  readonly namespace: string;
  readonly metric: string;
  readonly dimensions?: Readonly<Record<string, string>>;
  readonly stat: string;
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

function build(ctx: BuildContext, d: RawAnomalyDetector, path: PathSegment[]): void {
  if (!validStat(d.stat))
    ctx.error(
      'SCHEMA',
      `stat ${JSON.stringify(d.stat.slice(0, 50))} is not one an anomaly detector takes: SampleCount, Average, Sum, Minimum, Maximum, IQM, a percentile (p99, p99.9) or a trimmed form (tm90, TM(10%:90%))`,
      ctx.at([...path, 'stat']),
    );
  if (d.timezone !== undefined && !knownTimezone(d.timezone)) {
    const near = closest(d.timezone, timezoneNames());
    ctx.error(
      'SCHEMA',
      `timezone ${JSON.stringify(d.timezone.slice(0, 50))} is not an IANA time zone${near ? ` (did you mean ${near}?)` : ' (e.g. Europe/Paris, America/New_York, UTC)'}`,
      ctx.at([...path, 'timezone']),
    );
  }
  const dims = Object.entries(d.dimensions ?? {}).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const metricTimezone = normalTimezone(d.timezone);
  ctx.push(
    {
      spec: {
        kind: 'anomalyDetector',
        namespace: d.namespace,
        metricName: d.metric,
        dimensions: Object.fromEntries(dims),
        stat: d.stat,
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
