import { declaredFilterId, filterAwsName, isStackFilterName } from '../../model/ownership';
import type { KindInfo } from '../kind';
import { metricFilterIam } from './iam';

/**
 * Metric filters: keyed by their log group and AWS name, which carries the owning stack (they cannot
 * be tagged, see model/ownership.ts), or, for one adopted under its own name (awsName:), is recorded
 * in the stack's SSM record (ownership-record.ts). No ARN; deleting one stops its metric, whose data
 * is then lost.
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
  renameDeletesFirst: true,
  declares: (spec) => [
    ['filterLogGroups', spec.logGroupName],
    ['filters', declaredFilterId(spec.logGroupName, spec.filterName)],
  ],
  renamedForStack(spec, formerStack, stack) {
    // An adopted filter keeps its own name: only its record moves to the current stack (apply-step.ts).
    if (!isStackFilterName(spec.filterName)) return spec;
    const name = spec.filterName.slice(filterAwsName(formerStack, '').length);
    return { ...spec, filterName: filterAwsName(stack, name) };
  },
  iam: metricFilterIam,
  quotas: {
    'CloudWatchLogs.PutMetricFilter': 5,
    'CloudWatchLogs.DeleteMetricFilter': 5,
    'CloudWatchLogs.DescribeMetricFilters': 5,
    // The record of filters adopted under their own names (ownership-record.ts): SSM's default
    // throughput (GetParametersByPath shares 40/s with GetParameter; writes are 3/s by default).
    'SSM.GetParametersByPath': 40,
    'SSM.PutParameter': 3,
    'SSM.DeleteParameter': 3,
  },
};
