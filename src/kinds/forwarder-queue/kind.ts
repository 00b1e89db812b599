import type { KindInfo } from '../kind';
import { forwarderQueueIam } from './iam';

/** The queue keeping the alarms the forwarder could not deliver: keyed by name, owned by tag. */
export const forwarderQueueInfo: KindInfo<'forwarderQueue'> = {
  kind: 'forwarderQueue',
  label: 'chat forwarder failure queue',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  deleteLoses: 'deleting it deletes the undelivered alarms waiting in it',
  arn: (key, accountId) => `arn:aws:sqs:${key.region}:${accountId}:${key.name}`,
  declares: (spec) => [['forwarderQueues', spec.name]],
  iam: forwarderQueueIam,
  quotas: {
    'SQS.CreateQueue': 20,
    'SQS.DeleteQueue': 20,
    'SQS.GetQueueUrl': 20,
    'SQS.SetQueueAttributes': 20,
    'SQS.GetQueueAttributes': 20,
    'SQS.ListQueues': 20,
    'SQS.ListQueueTags': 20,
    'SQS.TagQueue': 20,
    'SQS.UntagQueue': 20,
  },
};
