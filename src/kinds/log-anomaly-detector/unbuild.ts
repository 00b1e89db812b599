import { OWNER_TAG } from '../../model';
import { checkFilterPattern } from '../metric-filter/pattern-checks';
import { entry, ownTags, type KindUnbuild } from '../unbuild';
import {
  DEFAULT_FREQUENCY,
  DEFAULT_VISIBILITY_DAYS,
  FREQUENCIES,
  logGroupNameOf,
  MAX_LOG_GROUPS,
  MAX_VISIBILITY_DAYS,
  MIN_VISIBILITY_DAYS,
} from './names';

/**
 * A detector as `logAnomalyDetectors:` writes it: its log group by name (a detector watches log groups
 * of its own account and region, and import selects it with its log group, which is written too),
 * the frequency as a duration, defaults left out.
 */
export const logAnomalyDetectorUnbuild: KindUnbuild<'logAnomalyDetector'> = {
  section: 'logAnomalyDetectors',
  about: 'CloudWatch Logs anomaly detectors.',
  unbuild(spec) {
    const problem = checkFilterPattern(spec.filterPattern);
    if (problem) return { unsupported: `its pattern is not one this tool can check (${problem.message})` };
    if (spec.logGroupArns.length === 0 || spec.logGroupArns.length > MAX_LOG_GROUPS)
      return { unsupported: `it watches ${spec.logGroupArns.length} log groups; the files take ${MAX_LOG_GROUPS}` };
    const days = spec.anomalyVisibilityDays;
    if (!Number.isInteger(days) || days < MIN_VISIBILITY_DAYS || days > MAX_VISIBILITY_DAYS)
      return {
        unsupported: `its anomaly visibility of ${days} days is outside AWS's ${MIN_VISIBILITY_DAYS} to ${MAX_VISIBILITY_DAYS}`,
      };
    return {
      entry: entry({
        name: spec.name,
        logGroups: spec.logGroupArns.map((arn) => logGroupNameOf(arn) ?? arn),
        evaluationFrequency:
          spec.evaluationFrequency === DEFAULT_FREQUENCY ? undefined : FREQUENCIES[spec.evaluationFrequency],
        pattern: spec.filterPattern === '' ? undefined : spec.filterPattern,
        anomalyVisibilityTime: days === DEFAULT_VISIBILITY_DAYS ? undefined : `${days}d`,
        enabled: spec.enabled ? undefined : false,
        kmsKey: spec.kmsKeyId,
        tags: ownTags(spec.tags, [OWNER_TAG]),
      }),
    };
  },
};
