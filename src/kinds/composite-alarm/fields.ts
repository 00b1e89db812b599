import type { FieldTable } from '../../shared/sensitive-fields';
import { ACTION_FIELDS } from '../shared/alarm-fields';

/** Which spec fields each key of a `compositeAlarms:` entry feeds (for `${env:}` values). */
export const COMPOSITE_ALARM_FIELDS: FieldTable = {
  ...ACTION_FIELDS,
  name: ['name'],
  description: ['description'],
  rule: ['rule'],
  suppressedBy: ['actionsSuppressor.alarm'],
  'suppressedBy.alarm': ['actionsSuppressor.alarm'],
  'suppressedBy.waitPeriod': ['actionsSuppressor.waitPeriod'],
  'suppressedBy.extensionPeriod': ['actionsSuppressor.extensionPeriod'],
  'tags.*': ['tags'],
};
