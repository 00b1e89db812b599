import type { KindIam } from '../iam';
import { declaredLogGroupArns } from '../log-group/iam';

const FILTER_WRITES = ['logs:PutMetricFilter', 'logs:DeleteMetricFilter'];

/**
 * Metric filters have no ARN and no tags: AWS authorises them on their log group. On the stack's own
 * (tagged) log groups the tag decides; on log groups it only declares, the ARN.
 */
export const metricFilterIam: KindIam = {
  arns: (at) => [`arn:aws:logs:${at.region}:${at.account}:log-group:*`],
  reads: ['logs:DescribeMetricFilters'],
  ownedWrites: FILTER_WRITES,
  arnScoped: { sid: 'MonitorsFiltersOnDeclaredLogGroups', actions: FILTER_WRITES, arns: declaredLogGroupArns },
  limits: [
    "Metric filters cannot be tagged and IAM has no condition key for a filter's name: PutMetricFilter/DeleteMetricFilter are scoped to the log groups the stack declares or owns, so on a log group shared with another stack this role could change that stack's filters there.",
    'Removing the last metric filter on a log group the stack does not own needs the policy printed before the removal (the log group is no longer in the files).',
  ],
};
