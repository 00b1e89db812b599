import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `logAnomalyDetectors:` entry feeds (for `${env:}` values). */
export const LOG_ANOMALY_DETECTOR_FIELDS: FieldTable = {
  name: ['name'],
  'logGroups.*': ['logGroupArns'],
  evaluationFrequency: ['evaluationFrequency'],
  pattern: ['filterPattern'],
  anomalyVisibilityTime: ['anomalyVisibilityDays'],
  enabled: ['enabled'],
  kmsKey: ['kmsKeyId'],
  'tags.*': ['tags'],
};
