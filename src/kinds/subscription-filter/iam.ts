import type { KindIam } from '../iam';
import { declaredLogGroupArns } from '../log-group/iam';

const FILTER_WRITES = ['logs:PutSubscriptionFilter', 'logs:DeleteSubscriptionFilter'];

/**
 * Subscription filters have no ARN and no tags: AWS authorises them on their log group, so writes
 * are scoped to the log groups the stack declares (as metric filters' are). A Lambda destination's
 * invoke permission for CloudWatch Logs is added and removed on any function of the account and
 * region ("function:*"): the stack's files name functions it does not own. A Kinesis or Firehose
 * destination's role is passed with the filter (iam:PassRole on the account's roles).
 */
export const subscriptionFilterIam: KindIam = {
  arns: (at) => [`arn:aws:logs:${at.region}:${at.account}:log-group:*`],
  reads: ['logs:DescribeSubscriptionFilters'],
  wildcardReads: ['logs:DescribeLogGroups'],
  ownedWrites: FILTER_WRITES,
  arnScoped: {
    sid: 'MonitorsSubscriptionFiltersOnDeclaredLogGroups',
    actions: FILTER_WRITES,
    arns: declaredLogGroupArns,
  },
  ownWrites: [
    {
      sid: 'MonitorsSubscriptionFilterLambdaPermission',
      actions: ['lambda:AddPermission', 'lambda:RemovePermission'],
      arns: (at) => [`arn:aws:lambda:${at.region}:${at.account}:function:*`],
    },
    {
      sid: 'MonitorsSubscriptionFilterPassRole',
      actions: ['iam:PassRole'],
      arns: (at) => [`arn:aws:iam::${at.account}:role/*`],
    },
  ],
  limits: [
    "Subscription filters cannot be tagged: PutSubscriptionFilter/DeleteSubscriptionFilter are scoped to the log groups the stack declares, so on a log group shared with another stack this role could change that stack's subscription filters there.",
    'A Kinesis or Firehose subscription filter passes its role: iam:PassRole is allowed on every role of the account.',
    'A Lambda destination gets an invoke permission for logs.amazonaws.com: lambda:AddPermission/RemovePermission are allowed on every function of the account and region, since the destination is a function the stack does not own.',
  ],
};
