import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `topics:` entry feeds (for `${env:}` values; config/sensitive-fields.ts). */
export const TOPIC_FIELDS: FieldTable = {
  name: ['name'],
  displayName: ['displayName'],
  kmsKey: ['kmsMasterKeyId'],
  fifo: ['fifo'],
  'tags.*': ['tags'],
  subscriptions: [],
};
