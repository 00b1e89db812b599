import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `muteRules:` entry feeds (for `${env:}` values). */
export const ALARM_MUTE_RULE_FIELDS: FieldTable = {
  name: ['name'],
  description: ['description'],
  cron: ['schedule'],
  at: ['schedule'],
  duration: ['schedule'],
  timezone: ['schedule'],
  start: ['schedule'],
  expire: ['schedule'],
  'alarms.*': ['alarmNames'],
  'packs.*': ['packs'],
};
