import type { MetricQuery } from '../metric-alarm/spec';
import { entry, type Entry, type KindUnbuild, type Unbuilt } from '../unbuild';
import type { AnomalyDetectorSpec } from './spec';
import { knownTimezone, validStat } from './time';

/** A metric-math query as `metrics:` writes it (the alarms' form): defaults left out, periods in seconds. */
function queryEntry(q: MetricQuery): Entry {
  const m = q.metricStat;
  return entry({
    id: q.id,
    expression: q.expression,
    metric: m
      ? entry({
          namespace: m.namespace,
          name: m.metricName,
          dimensions: Object.keys(m.dimensions).length > 0 ? { ...m.dimensions } : undefined,
          stat: m.stat,
          period: m.period,
          unit: m.unit,
        })
      : undefined,
    label: q.label,
    returnData: q.returnData === (q.expression !== undefined) ? undefined : q.returnData,
    period: q.period,
    accountId: q.accountId,
  });
}

function identity(spec: AnomalyDetectorSpec): Entry | string {
  if (spec.metrics !== undefined) {
    const bad = spec.metrics.find((q) => q.metricStat && !validStat(q.metricStat.stat));
    if (bad) return `its query ${bad.id}'s statistic ${bad.metricStat?.stat ?? ''} is not one this tool can check`;
    return { metrics: spec.metrics.map(queryEntry) };
  }
  if (!validStat(spec.stat)) return `its statistic ${spec.stat} is not one this tool can check`;
  return entry({
    namespace: spec.namespace,
    metric: spec.metricName,
    dimensions: Object.keys(spec.dimensions).length > 0 ? { ...spec.dimensions } : undefined,
    stat: spec.stat,
  });
}

/**
 * A detector as `anomalyDetectors:` writes it: its metric and statistic (or its metric math), dates as
 * read (ISO, UTC), defaults (no dimensions, no excluded ranges, UTC) left out. A statistic or zone the
 * build would refuse is not written.
 */
export const anomalyDetectorUnbuild: KindUnbuild<'anomalyDetector'> = {
  section: 'anomalyDetectors',
  about: 'Anomaly detection models: the metric and statistic each models, what it leaves out of training.',
  unbuild(spec): Unbuilt {
    const what = identity(spec);
    if (typeof what === 'string') return { unsupported: what };
    if (spec.metricTimezone !== undefined && !knownTimezone(spec.metricTimezone))
      return { unsupported: `its time zone ${spec.metricTimezone} is not one this runtime knows` };
    return {
      entry: {
        ...what,
        ...entry({
          timezone: spec.metricTimezone,
          excludedTimeRanges:
            spec.excludedTimeRanges.length > 0
              ? spec.excludedTimeRanges.map((r) => ({ start: r.start, end: r.end }))
              : undefined,
        }),
      },
    };
  },
};
