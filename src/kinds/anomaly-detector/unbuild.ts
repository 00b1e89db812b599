import { entry, type KindUnbuild } from '../unbuild';
import { knownTimezone, validStat } from './time';

/**
 * A detector as `anomalyDetectors:` writes it: dates as read (ISO, UTC), defaults (no dimensions, no
 * excluded ranges, UTC) left out. A statistic or zone the build would refuse is not written.
 */
export const anomalyDetectorUnbuild: KindUnbuild<'anomalyDetector'> = {
  section: 'anomalyDetectors',
  unbuild(spec) {
    if (!validStat(spec.stat)) return { unsupported: `its statistic ${spec.stat} is not one this tool can check` };
    if (spec.metricTimezone !== undefined && !knownTimezone(spec.metricTimezone))
      return { unsupported: `its time zone ${spec.metricTimezone} is not one this runtime knows` };
    return {
      entry: entry({
        namespace: spec.namespace,
        metric: spec.metricName,
        dimensions: Object.keys(spec.dimensions).length > 0 ? { ...spec.dimensions } : undefined,
        stat: spec.stat,
        timezone: spec.metricTimezone,
        excludedTimeRanges:
          spec.excludedTimeRanges.length > 0
            ? spec.excludedTimeRanges.map((r) => ({ start: r.start, end: r.end }))
            : undefined,
      }),
    };
  },
};
