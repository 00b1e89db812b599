import { DeleteDashboardsCommand, PutDashboardCommand } from '@aws-sdk/client-cloudwatch';
import type { ResourceKey } from '../../model';
import type { ApplyContext, KindHandler } from '../handler';
import { fieldDiffs } from '../shared/field-diff';
import { unlessAlready } from '../shared/idempotent';
import type { DashboardSpec } from './spec';
import { alarmArnsIn } from './body';

const REPLACE = new Set(['name']);
const GONE = ['DashboardNotFoundError', 'ResourceNotFound'];

/** PutDashboard creates or replaces the whole body: a create and an update are the same call. */
async function put(ctx: ApplyContext, spec: DashboardSpec): Promise<void> {
  await ctx.clients.cloudwatch.send(new PutDashboardCommand({ DashboardName: spec.name, DashboardBody: spec.body }));
}

/** The alarms of this region a body shows, as keys: they are made first, so the dashboard never shows a missing one. */
function alarmKeys(spec: DashboardSpec, region: string): ResourceKey[] {
  return alarmArnsIn(spec.body).flatMap((arn): ResourceKey[] => {
    const m = /^arn:[^:]+:cloudwatch:([^:]*):[^:]*:alarm:(.+)$/.exec(arn);
    if (!m || m[1] !== region) return [];
    const name = m[2] as string;
    return [
      { kind: 'metricAlarm', region, name },
      { kind: 'compositeAlarm', region, name },
    ];
  });
}

/** Dashboards: the body changes in place (PutDashboard replaces it); a new name is a new dashboard. */
export const dashboardHandler: KindHandler<'dashboard'> = {
  kind: 'dashboard',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: alarmKeys,
  create: put,
  update: (ctx, _before, after) => put(ctx, after),
  async remove(ctx, spec) {
    // One name a call: DeleteDashboards fails whole when any name in it is already gone.
    await unlessAlready(GONE, () =>
      ctx.clients.cloudwatch.send(new DeleteDashboardsCommand({ DashboardNames: [spec.name] })),
    );
  },
};
