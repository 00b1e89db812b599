import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `contributorInsights:` entry feeds (for `${env:}` values). */
export const INSIGHT_RULE_FIELDS: FieldTable = {
  name: ['name'],
  enabled: ['enabled'],
  onTransformedLogs: ['onTransformedLogs'],
  rule: ['definition'],
  'tags.*': ['tags'],
};
