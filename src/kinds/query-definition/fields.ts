import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `savedQueries:` entry feeds (for `${env:}` values). */
export const QUERY_DEFINITION_FIELDS: FieldTable = {
  name: ['name'],
  query: ['queryString'],
  'logGroups.*': ['logGroupNames'],
};
