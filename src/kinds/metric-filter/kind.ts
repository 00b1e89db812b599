import { filterAwsName } from '../../model/ownership';
import type { KindInfo } from '../kind';
import { metricFilterIam } from './iam';

/**
 * Metric filters: keyed by their log group and AWS name, which carries the owning stack (they cannot
 * be tagged, see model/ownership.ts). No ARN; deleting one stops its metric, whose data is then lost.
 */
export const metricFilterInfo: KindInfo<'metricFilter'> = {
  kind: 'metricFilter',
  label: 'metric filter',
  identity: (spec) => ({
    name: spec.filterName,
    parent: spec.logGroupName,
    nameField: 'filterName',
    parentField: 'logGroupName',
  }),
  hasHistory: true,
  deleteLoses: 'its history is lost',
  renameField: 'filterName',
  declares: (spec) => [['filterLogGroups', spec.logGroupName]],
  renamedForStack(spec, formerStack, stack) {
    const name = spec.filterName.slice(filterAwsName(formerStack, '').length);
    return { ...spec, filterName: filterAwsName(stack, name) };
  },
  iam: metricFilterIam,
  quotas: {
    'CloudWatchLogs.PutMetricFilter': 5,
    'CloudWatchLogs.DeleteMetricFilter': 5,
    'CloudWatchLogs.DescribeMetricFilters': 5,
  },
};
