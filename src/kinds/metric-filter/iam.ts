import type { KindIam } from '../iam';
import { declaredLogGroupArns } from '../log-group/iam';
import { RECORD_ROOT, recordPath } from './ownership-record';

const FILTER_WRITES = ['logs:PutMetricFilter', 'logs:DeleteMetricFilter'];

/** The ARNs of a stack's adopted-filter record parameters (ownership-record.ts). */
const recordArns = (region: string, account: string, stack: string) =>
  `arn:aws:ssm:${region}:${account}:parameter${recordPath(stack)}/*`;

/**
 * Metric filters have no ARN and no tags: AWS authorises them on their log group. On the stack's own
 * (tagged) log groups the tag decides; on log groups it only declares, the ARN.
 *
 * Filters adopted under their own names are owned through SSM records (ownership-record.ts): both
 * roles read every stack's record (GetParametersByPath is authorised on the path itself), since a
 * plan must see other stacks' claims to leave their filters alone; apply writes only its own, and a
 * renamed stack may only delete its former names' records once its own holds their filters.
 */
export const metricFilterIam: KindIam = {
  arns: (at) => [`arn:aws:logs:${at.region}:${at.account}:log-group:*`],
  reads: ['logs:DescribeMetricFilters'],
  ownedWrites: FILTER_WRITES,
  arnScoped: { sid: 'MonitorsFiltersOnDeclaredLogGroups', actions: FILTER_WRITES, arns: declaredLogGroupArns },
  ownReads: [
    {
      sid: 'MonitorsPlanReadFilterRecords',
      actions: ['ssm:GetParametersByPath'],
      arns: (at) => [`arn:aws:ssm:${at.region}:${at.account}:parameter${RECORD_ROOT}`],
    },
  ],
  ownWrites: [
    {
      sid: 'MonitorsFilterRecord',
      actions: ['ssm:DeleteParameter', 'ssm:PutParameter'],
      arns: (at) => [recordArns(at.region, at.account, at.stack)],
    },
    {
      sid: 'MonitorsFormerFilterRecords',
      actions: ['ssm:DeleteParameter'],
      arns: (at) => at.formerNames.map((s) => recordArns(at.region, at.account, s)),
    },
  ],
  limits: [
    "Metric filters cannot be tagged and IAM has no condition key for a filter's name: PutMetricFilter/DeleteMetricFilter are scoped to the log groups the stack declares or owns, so on a log group shared with another stack this role could change that stack's filters there.",
    'Removing the last metric filter on a log group the stack does not own needs the policy printed before the removal (the log group is no longer in the files).',
  ],
};
