import { GetDashboardCommand, paginateListDashboards } from '@aws-sdk/client-cloudwatch';
import { paged } from '../../aws/paging';
import type { LiveResource } from '../../model';
import type { KindReader } from '../reader';
import { normalizeBody } from './body';
import { ANY_STACK_PREFIX, dashboardOwner } from './name';

const GONE = new Set(['DashboardNotFoundError', 'ResourceNotFound']);

/**
 * Dashboards: owned by name scheme (name.ts). ListDashboards pages (1,000 a page) through the
 * dashboards whose names start with "monitors_", so other dashboards are never read; the body is
 * only in GetDashboard, one call per dashboard this stack owns in this region (AWS has no batch
 * read of bodies), through the reader's bounded concurrency.
 */
export const dashboardReader: KindReader = {
  kinds: ['dashboard'],
  async list(clients) {
    const names: string[] = [];
    for await (const page of paginateListDashboards(paged(clients.cloudwatch), {
      DashboardNamePrefix: ANY_STACK_PREFIX,
    }))
      for (const e of page.DashboardEntries ?? []) if (e.DashboardName) names.push(e.DashboardName);
    const region = await clients.cloudwatch.config.region();
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const mine = names.flatMap((name) => {
        const owner = dashboardOwner(name);
        const own = owner && owner.region === region ? ctx.ownership(owner.stack) : undefined;
        return own?.owned ? [{ name, own }] : [];
      });
      await ctx.each(mine, async ({ name, own }) => {
        try {
          const got = await clients.cloudwatch.send(new GetDashboardCommand({ DashboardName: name }));
          resources.push({
            spec: { kind: 'dashboard', name, body: normalizeBody(got.DashboardBody ?? '') },
            arn: got.DashboardArn,
            ...own,
          });
        } catch (err) {
          // Deleted between the listing and this read: it is gone, which is what the plan should see.
          if (!(err instanceof Error && GONE.has(err.name))) throw err;
        }
      });
      return { resources };
    };
  },
};
