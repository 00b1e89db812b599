import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `dashboards:` entry feeds (for `${env:}` values): all of it is the body. */
export const DASHBOARD_FIELDS: FieldTable = {
  name: ['name'],
  start: ['body'],
  periodOverride: ['body'],
  widgets: ['body'],
};
