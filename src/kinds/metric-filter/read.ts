import { paginateDescribeMetricFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { declaredFilterId, filterOwner, isStackFilterName, type LiveResource } from '../../model';
import { blankToUndefined, sortedRecord } from '../../model/normalize';
import type { KindReader, Ownership, ReadContext } from '../reader';
import { filterMark } from './ownership-record';
import { readFilterRecords } from './record-read';
import type { MetricFilterSpec } from '../specs';

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
 * Whose a filter adopted under its own name is: the stacks whose records claim it. Two claims (two
 * applies racing to adopt it) leave it to the other stack: this one neither changes nor deletes it,
 * and its next apply drops the claim, so the filter ends with one owner.
 */
function recordOwnership(ctx: ReadContext, claimants: readonly string[]): Ownership {
  const all = claimants.map((s) => ctx.ownership(s));
  const other = all.find((o) => !o.owned);
  if (other) return other;
  return all.find((o) => o.formerOwner === undefined) ?? all[0] ?? { owned: false };
}

/**
 * Metric filters: owned by name prefix (they cannot be tagged), or, for a filter adopted under its
 * own name, by the stacks' SSM record (ownership-record.ts), read once for all of them. Unowned
 * filters the files declare are kept for adoption; other owners' filters on the log groups the
 * files' filters use are kept aside, for the double-count check.
 */
export const metricFilterReader: KindReader = {
  kinds: ['metricFilter'],
  async list(clients) {
    const filters = await readMetricFilters(clients);
    // Only a filter under a name of its own can be in a record: an account without one reads none.
    const records = filters.some((f) => !isStackFilterName(f.filterName))
      ? await readFilterRecords(clients.ssm)
      : undefined;
    return (ctx) => {
      const filterGroups = ctx.declared('filterLogGroups');
      const declared = ctx.declared('filters');
      const resources: LiveResource[] = [];
      const otherFilters: MetricFilterSpec[] = [];
      const otherFilterOwners: Record<string, string> = {};
      for (const f of filters) {
        const own = isStackFilterName(f.filterName)
          ? ctx.ownership(filterOwner(f.filterName))
          : recordOwnership(ctx, records?.claims.get(filterMark(f.logGroupName, f.filterName)) ?? []);
        if (own.owned || declared.has(declaredFilterId(f.logGroupName, f.filterName)))
          resources.push({ spec: f, ...own });
        else if (filterGroups.has(f.logGroupName)) {
          otherFilters.push(f);
          if (own.ownerStack !== undefined && !isStackFilterName(f.filterName))
            otherFilterOwners[declaredFilterId(f.logGroupName, f.filterName)] = own.ownerStack;
        }
      }
      return Promise.resolve({ resources, otherFilters, otherFilterOwners });
    };
  },
};
