import { paginateDescribeSubscriptionFilters } from '@aws-sdk/client-cloudwatch-logs';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { declaredFilterId, filterOwner, isStackFilterName, type LiveResource } from '../../model';
import { blankToUndefined } from '../../model/normalize';
import { readFilterRecords, type FilterRecords } from '../metric-filter/record-read';
import type { KindReader, Ownership, ReadContext } from '../reader';
import { subscriptionFilterMark } from './names';
import type { SubscriptionFilterSpec } from './spec';

/**
 * One log group's subscription filters (two at most, one page), normalized as the files build them;
 * none when the log group does not exist (a declared one not made yet).
 */
export async function readGroupFilters(clients: AwsClients, logGroupName: string): Promise<SubscriptionFilterSpec[]> {
  const out: SubscriptionFilterSpec[] = [];
  const pages = paginateDescribeSubscriptionFilters(paged(clients.logs, 50), { logGroupName });
  for await (const page of pageUnlessGone(pages)) {
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

async function* pageUnlessGone<T>(pages: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    for await (const page of pages) yield page;
  } catch (err) {
    if ((err as { name?: string }).name !== 'ResourceNotFoundException') throw err;
  }
}

/** Whose a filter under its own name is: the stacks whose adopted-filter records claim it (one wins, as for metric filters). */
function recordOwnership(ctx: ReadContext, claimants: readonly string[]): Ownership {
  const all = claimants.map((s) => ctx.ownership(s));
  return all.find((o) => !o.owned) ?? all.find((o) => o.formerOwner === undefined) ?? all[0] ?? { owned: false };
}

/**
 * Subscription filters: listed per log group (AWS has no account-wide listing), under the log groups
 * in the stack's scope (parent: the log groups it owns, declares, or the selection picks) and those
 * the files put filters on. Owned by name prefix, or for a filter under its own name by the stacks'
 * adopted-filter record, read only when one is seen.
 */
export const subscriptionFilterReader: KindReader = {
  kinds: ['subscriptionFilter'],
  parent: 'logGroup',
  list(clients) {
    return Promise.resolve(async (ctx, parents) => {
      const groups = new Set([
        ...parents.flatMap((g) => (g.spec.kind === 'logGroup' ? [g.spec.name] : [])),
        ...ctx.declared('filterLogGroups'),
      ]);
      const declared = ctx.declared('filters');
      const found: SubscriptionFilterSpec[] = [];
      await ctx.each([...groups].sort(), async (g) => {
        found.push(...(await readGroupFilters(clients, g)));
      });
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
    });
  },
};
