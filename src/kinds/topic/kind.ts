import type { KindInfo } from '../kind';
import { topicIam } from './iam';

/** SNS topics: keyed by name; nothing of theirs outlives a delete and re-create but the subscriptions. */
export const topicInfo: KindInfo<'topic'> = {
  kind: 'topic',
  label: 'topic',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  nameSpace: { id: 'topic', label: 'topic', referenceHint: ' (or give a full ARN)' },
  hasHistory: false,
  renameField: 'name',
  arn: (key, accountId) => `arn:aws:sns:${key.region}:${accountId}:${key.name}`,
  declares: (spec) => [['topics', spec.name]],
  iam: topicIam,
  quotas: {
    'SNS.CreateTopic': 10,
    'SNS.DeleteTopic': 10,
    'SNS.SetTopicAttributes': 10,
  },
};
