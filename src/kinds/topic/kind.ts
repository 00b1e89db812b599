import type { KindInfo } from '../kind';

/** SNS topics: keyed by name; nothing of theirs outlives a delete and re-create but the subscriptions. */
export const topicInfo: KindInfo<'topic'> = {
  kind: 'topic',
  label: 'topic',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  renameField: 'name',
  arn: (key, accountId) => `arn:aws:sns:${key.region}:${accountId}:${key.name}`,
  declares: (spec) => [['topics', spec.name]],
};
