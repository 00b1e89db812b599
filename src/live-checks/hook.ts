/**
 * The seam between a computed plan and the live checks, like the backtest's: the plan command and the
 * action call these. The cost estimate needs no AWS and is always shown; the checks run unless
 * --no-live-checks (input live-checks: false), and a check that cannot run never fails the plan.
 */
import { createClients, timeoutsFromSeconds } from '../aws/clients';
import type { PlanRun, RunOptions } from '../core';
import { hasChanges } from '../model';
import { estimateCost, type CostEstimate } from '../cost/estimate';
import { liveChecksJson, renderLiveChecksMarkdown, renderLiveChecksText } from './render';
import { runLiveChecks, type LiveCheckOptions } from './run';
import type { LiveCheckReport } from './types';

/** What a plan's output adds: the checks' report (when they ran) and the estimate. */
export interface LiveOutcome {
  readonly report?: LiveCheckReport;
  readonly cost: CostEstimate;
  /** A plan without changes (and no --check-all) shows neither: there is nothing new to check or price. */
  readonly quiet?: boolean;
}

/** Runs the checks (unless `skip`) on the plan's own account and region. */
export async function liveCheckPlan(
  run: PlanRun,
  options: RunOptions,
  settings: { readonly skip: boolean } & Partial<LiveCheckOptions>,
): Promise<LiveOutcome> {
  if (!hasChanges(run.plan) && !settings.checkAll) return { cost: estimateCost(run.plan), quiet: true };
  if (settings.skip) return { cost: estimateCost(run.plan) };
  const clients = createClients({
    region: run.plan.region,
    endpoint: options.endpointUrl,
    profile: options.profile,
    credentials: options.credentials,
    timeouts:
      options.requestTimeoutSeconds === undefined ? undefined : timeoutsFromSeconds(options.requestTimeoutSeconds),
  });
  const report = await runLiveChecks(clients, run.plan, { checkAll: false, ...settings });
  return { report, cost: report.cost };
}

export function liveText(o: LiveOutcome): string {
  if (o.quiet) return '';
  return renderLiveChecksText(o.report, o.cost);
}

export function liveMarkdown(o: LiveOutcome, maxLength?: number): string {
  if (o.quiet) return '';
  return renderLiveChecksMarkdown(o.report, o.cost, maxLength);
}

/** The plan JSON with `liveChecks` and `cost` members (docs/live-checks.md). */
export function withLiveJson(planJson: string, o: LiveOutcome): string {
  if (o.quiet) return planJson;
  const doc = JSON.parse(planJson) as Record<string, unknown>;
  return JSON.stringify({ ...doc, ...liveChecksJson(o.report, o.cost) }, null, 2);
}
