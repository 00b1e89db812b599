import { declaredFilterId, filterAwsName, isStackFilterName } from '../../model/ownership';
import type { KindInfo } from '../kind';
import { subscriptionFilterIam } from './iam';
import { isLambda } from './names';

const lastPart = (arn: string, sep: string) => arn.slice(arn.lastIndexOf(sep) + 1);

/**
 * Subscription filters: keyed by their log group and AWS name. They cannot be tagged, so, like
 * metric filters, the name carries the owning stack (`monitors.<stack>.<name>`); one adopted under
 * its own name (awsName:) is recorded in the stack's SSM record of adopted filters. A rename deletes
 * first: AWS allows two per log group, so the new one may not fit beside the old.
 */
export const subscriptionFilterInfo: KindInfo<'subscriptionFilter'> = {
  kind: 'subscriptionFilter',
  label: 'subscription filter',
  identity: (spec) => ({
    name: spec.filterName,
    parent: spec.logGroupName,
    nameField: 'filterName',
    parentField: 'logGroupName',
  }),
  hasHistory: false,
  deleteLoses: 'its destination stops receiving the log group’s events',
  renameField: 'filterName',
  renameDeletesFirst: true,
  declares: (spec) => [
    ['filterLogGroups', spec.logGroupName],
    ['filters', declaredFilterId(spec.logGroupName, spec.filterName)],
    // The policy lets apply add CloudWatch Logs' invoke permission to these functions and pass these roles only.
    ...(isLambda(spec.destinationArn) ? [['subscriptionFunctions', lastPart(spec.destinationArn, ':')] as const] : []),
    ...(spec.roleArn !== undefined ? [['subscriptionRoles', lastPart(spec.roleArn, '/')] as const] : []),
  ],
  // The Lambda and stream ARNs written by name carry the placeholder account until it is known.
  withAccount: (spec, fix) => ({
    ...spec,
    destinationArn: fix(spec.destinationArn),
    ...(spec.roleArn !== undefined ? { roleArn: fix(spec.roleArn) } : {}),
  }),
  renamedForStack(spec, formerStack, stack) {
    if (!isStackFilterName(spec.filterName)) return spec;
    return { ...spec, filterName: filterAwsName(stack, spec.filterName.slice(filterAwsName(formerStack, '').length)) };
  },
  iam: subscriptionFilterIam,
  quotas: {
    'CloudWatchLogs.PutSubscriptionFilter': 5,
    'CloudWatchLogs.DeleteSubscriptionFilter': 5,
    'CloudWatchLogs.DescribeSubscriptionFilters': 5,
    'CloudWatchLogs.DescribeLogGroups': 10,
    'Lambda.AddPermission': 15,
    'Lambda.RemovePermission': 15,
    'SSM.GetParametersByPath': 40,
  },
};
