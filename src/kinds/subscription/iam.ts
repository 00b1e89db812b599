import type { KindIam } from '../iam';
import { allTopicArns } from '../topic/iam';

/** SNS authorises subscription calls on the topic, so the topic's tag decides. */
export const subscriptionIam: KindIam = {
  arns: allTopicArns,
  wildcardReads: ['sns:ListSubscriptions'],
  // Apply finds a subscription's ARN on its topic when the plan could not know it (made in the same run).
  reads: ['sns:ListSubscriptionsByTopic', 'sns:GetSubscriptionAttributes'],
  ownedWrites: ['sns:Subscribe', 'sns:Unsubscribe', 'sns:SetSubscriptionAttributes'],
};
