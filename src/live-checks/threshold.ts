/**
 * Thresholds a statistic can never cross, where that is knowable from the definition alone. Pure.
 * Only sure cases: a count is at least 1 whenever there is data, a percentage lies in [0, 100].
 */
import type { MetricRead, ThresholdTest } from '../kinds/live';

/** Why the threshold can never be crossed, or undefined. */
export function unreachable(read: MetricRead, t: ThresholdTest): string | undefined {
  const { threshold: x, comparison: c } = t;
  if (read.stat === 'SampleCount') {
    if ((c === 'LessThanThreshold' && x <= 1) || (c === 'LessThanOrEqualToThreshold' && x < 1)) {
      return `SampleCount is at least 1 in every period with data, so it is never ${c === 'LessThanThreshold' ? 'below' : 'at or below'} ${x}; only missing data could alarm`;
    }
  }
  if (read.unit === 'Percent' && read.stat !== 'Sum' && read.stat !== 'SampleCount') {
    if ((c === 'GreaterThanThreshold' && x >= 100) || (c === 'GreaterThanOrEqualToThreshold' && x > 100)) {
      return `a percentage is never ${c === 'GreaterThanThreshold' ? 'above' : 'at or above'} ${x}`;
    }
    if ((c === 'LessThanThreshold' && x <= 0) || (c === 'LessThanOrEqualToThreshold' && x < 0)) {
      return `a percentage is never ${c === 'LessThanThreshold' ? 'below' : 'at or below'} ${x}`;
    }
  }
  return undefined;
}
