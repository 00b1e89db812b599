import type { KindIam } from '../iam';
import { declaredLogGroupArns } from '../log-group/iam';

const FILTER_WRITES = ['logs:PutSubscriptionFilter', 'logs:DeleteSubscriptionFilter'];

/**
 * Subscription filters have no ARN and no tags: AWS authorises them on their log group, so writes
 * are scoped to the log groups the stack declares (as metric filters' are). A Lambda destination's
 * invoke permission for CloudWatch Logs is added and removed only on the functions the files name
 * (not the stack's own: no tag to scope by), and only the roles the files name are passed.
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
      arns: (at) =>
        at.declared('subscriptionFunctions').map((f) => `arn:aws:lambda:${at.region}:${at.account}:function:${f}`),
    },
    {
      sid: 'MonitorsSubscriptionFilterPassRole',
      actions: ['iam:PassRole'],
      arns: (at) => at.declared('subscriptionRoles').map((r) => `arn:aws:iam::${at.account}:role/${r}`),
    },
  ],
  limits: [
    "Subscription filters cannot be tagged: PutSubscriptionFilter/DeleteSubscriptionFilter are scoped to the log groups the stack declares, so on a log group shared with another stack this role could change that stack's subscription filters there.",
    'A subscription filter to a Lambda adds and removes the invoke permission CloudWatch Logs needs: lambda:AddPermission/RemovePermission are allowed on the functions the files name as destinations (functions the stack does not own), so re-print the policy when a destination is added. A Kinesis or Firehose filter passes its role: iam:PassRole is allowed on the roles the files name.',
  ],
};
