import type { KindIam } from '../iam';
import { FORWARDER_PREFIX } from '../forwarder-function/names';

/** The forwarder's failure queue: tagged, so owned writes are tied to the stack's tag; created only under its name. */
export const forwarderQueueIam: KindIam = {
  arns: (at) => [`arn:aws:sqs:${at.region}:${at.account}:${FORWARDER_PREFIX}*`],
  wildcardReads: ['sqs:ListQueues'],
  reads: ['sqs:ListQueueTags', 'sqs:GetQueueAttributes'],
  // GetQueueUrl comes first in every change: adopting an untagged queue is refused.
  ownedWrites: ['sqs:GetQueueUrl', 'sqs:SetQueueAttributes', 'sqs:DeleteQueue'],
  tagging: { tag: 'sqs:TagQueue', untag: 'sqs:UntagQueue' },
  creates: ['sqs:CreateQueue'],
  createArns: (at) => at.declared('forwarderQueues').map((name) => `arn:aws:sqs:${at.region}:${at.account}:${name}`),
};
