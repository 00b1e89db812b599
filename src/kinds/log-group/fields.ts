import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `logGroups:` entry feeds (for `${env:}` values). */
export const LOG_GROUP_FIELDS: FieldTable = {
  name: ['name'],
  retention: ['retentionInDays'],
  kmsKey: ['kmsKeyId'],
  'tags.*': ['tags'],
};
