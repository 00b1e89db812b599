import type { IamScope, KindIam } from '../iam';

/** Every topic ARN in the account and region. */
export const allTopicArns = (at: IamScope) => [`arn:aws:sns:${at.region}:${at.account}:*`];

/** SNS topics: tagged, so owned writes are tied to the stack's tag; created only under declared names. */
export const topicIam: KindIam = {
  arns: allTopicArns,
  wildcardReads: ['sns:ListTopics'],
  reads: ['sns:GetTopicAttributes', 'sns:ListTagsForResource'],
  ownedWrites: ['sns:DeleteTopic', 'sns:SetTopicAttributes'],
  tagging: { tag: 'sns:TagResource', untag: 'sns:UntagResource' },
  creates: ['sns:CreateTopic'],
  createArns: (at) => at.declared('topics').map((name) => `arn:aws:sns:${at.region}:${at.account}:${name}`),
  limits: [
    'Topics are created and adopted only under the names the stack declares: adding one means re-printing and re-attaching the policy.',
  ],
};
