import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of an `anomalyDetectors:` entry feeds (`${env:}` is refused in all of them). */
export const ANOMALY_DETECTOR_FIELDS: FieldTable = {
  namespace: ['namespace'],
  metric: ['metricName'],
  'dimensions.*': ['dimensions'],
  stat: ['stat'],
  'excludedTimeRanges.*': ['excludedTimeRanges'],
  timezone: ['metricTimezone'],
  'metrics.*': ['metrics'],
};
