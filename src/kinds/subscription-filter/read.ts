import { paginateDescribeLogGroups, paginateDescribeSubscriptionFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { declaredFilterId, filterOwner, isStackFilterName, type LiveResource } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import { readFilterRecords, type FilterRecords } from '../metric-filter/record-read';
import type { KindReader, Ownership, ReadContext } from '../reader';
import { subscriptionFilterMark } from './names';
import type { SubscriptionFilterSpec } from './spec';

/** Every log group's name, 50 per page: subscription filters can only be listed per log group. */
async function logGroupNames(clients: AwsClients): Promise<string[]> {
  const out: string[] = [];
  for await (const page of paginateDescribeLogGroups(paged(clients.logs, 50), {}))
    for (const g of page.logGroups ?? []) if (g.logGroupName) out.push(g.logGroupName);
  return out;
}

/** One log group's subscription filters (two at most, one page), normalized as the files build them. */
export async function readGroupFilters(clients: AwsClients, logGroupName: string): Promise<SubscriptionFilterSpec[]> {
  const out: SubscriptionFilterSpec[] = [];
  for await (const page of paginateDescribeSubscriptionFilters(paged(clients.logs, 50), { logGroupName })) {
    for (const f of page.subscriptionFilters ?? []) {
      out.push({
        kind: 'subscriptionFilter',
        logGroupName: f.logGroupName ?? logGroupName,
        filterName: f.filterName ?? '',
        filterPattern: f.filterPattern ?? '',
        destinationArn: f.destinationArn ?? '',
        roleArn: blankToUndefined(f.roleArn),
        distribution: f.distribution === 'Random' ? 'Random' : 'ByLogStream',
      });
    }
  }
  return out;
}

/** Whose a filter under its own name is: the stacks whose adopted-filter records claim it (one wins, as for metric filters). */
function recordOwnership(ctx: ReadContext, claimants: readonly string[]): Ownership {
  const all = claimants.map((s) => ctx.ownership(s));
  return all.find((o) => !o.owned) ?? all.find((o) => o.formerOwner === undefined) ?? all[0] ?? { owned: false };
}

/**
 * Subscription filters: listed per log group (AWS has no account-wide listing), on the log groups
 * the files declare or put filters on, or the selection picks (import). Owned by name prefix, or
 * for a filter under its own name by the stacks' adopted-filter record, read only when one is seen.
 */
export const subscriptionFilterReader: KindReader = {
  kinds: ['subscriptionFilter'],
  async list(clients) {
    const groups = await logGroupNames(clients);
    return async (ctx) => {
      const declaredGroups = ctx.declared('logGroups');
      const filterGroups = ctx.declared('filterLogGroups');
      const declared = ctx.declared('filters');
      const found: SubscriptionFilterSpec[] = [];
      await ctx.each(
        groups.filter((g) => declaredGroups.has(g) || filterGroups.has(g)),
        async (g) => {
          found.push(...(await readGroupFilters(clients, g)));
        },
      );
      let records: FilterRecords | undefined;
      if (found.some((f) => !isStackFilterName(f.filterName))) records = await readFilterRecords(clients.ssm);
      const resources: LiveResource[] = [];
      for (const f of found.sort(
        (a, b) => a.logGroupName.localeCompare(b.logGroupName) || a.filterName.localeCompare(b.filterName),
      )) {
        const own = isStackFilterName(f.filterName)
          ? ctx.ownership(filterOwner(f.filterName))
          : recordOwnership(ctx, records?.claims.get(subscriptionFilterMark(f.logGroupName, f.filterName)) ?? []);
        if (own.owned || declared.has(declaredFilterId(f.logGroupName, f.filterName)))
          resources.push({ spec: f, ...own });
      }
      return { resources };
    };
  },
};
