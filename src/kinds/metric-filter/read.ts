import { paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { filterOwner, type LiveResource, type MetricFilterSpec } from '../../model';
import { blankToUndefined, sortedRecord } from '../../model/normalize';
import type { KindReader } from '../reader';

/** Every metric filter in the region (all log groups at once), 50 per page. */
export async function readMetricFilters(clients: AwsClients): Promise<MetricFilterSpec[]> {
  const out: MetricFilterSpec[] = [];
  for await (const page of paginateDescribeMetricFilters(paged(clients.logs, 50), {})) {
    for (const f of page.metricFilters ?? []) {
      const t = f.metricTransformations?.[0];
      out.push({
        kind: 'metricFilter',
        logGroupName: f.logGroupName ?? '',
        filterName: f.filterName ?? '',
        filterPattern: f.filterPattern ?? '',
        transformation: {
          metricName: t?.metricName ?? '',
          metricNamespace: t?.metricNamespace ?? '',
          metricValue: t?.metricValue ?? '',
          defaultValue: t?.defaultValue,
          unit: blankToUndefined(t?.unit),
          dimensions: sortedRecord(t?.dimensions),
        },
      });
    }
  }
  return out;
}

/**
 * Metric filters: owned by name prefix (they cannot be tagged). Other owners' filters on the log
 * groups the files' filters use are kept aside, for the double-count check.
 */
export const metricFilterReader: KindReader = {
  kinds: ['metricFilter'],
  async list(clients) {
    const filters = await readMetricFilters(clients);
    return (ctx) => {
      const filterGroups = ctx.declared('filterLogGroups');
      const resources: LiveResource[] = [];
      const otherFilters: MetricFilterSpec[] = [];
      for (const f of filters) {
        const own = ctx.ownership(filterOwner(f.filterName));
        if (own.owned) resources.push({ spec: f, ...own });
        else if (filterGroups.has(f.logGroupName)) otherFilters.push(f);
      }
      return Promise.resolve({ resources, otherFilters });
    };
  },
};
