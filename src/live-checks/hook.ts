/**
 * The seam between a computed plan and the live checks, like the backtest's: the plan command and the
 * action call these. The cost estimate needs no AWS and is always shown; the checks run unless
 * --no-live-checks (input live-checks: false), and a check that cannot run never fails the plan.
 */
import { clientsFor, type PlanRun, type RunOptions } from '../core';
import { hasChanges } from '../model';
import { estimateCost, type CostEstimate } from '../cost/estimate';
import { liveChecksJson, renderLiveChecksMarkdown, renderLiveChecksText } from './render';
import { runLiveChecks, type LiveCheckOptions } from './run';
import type { LiveCheckReport } from './types';
import type { BacktestOutcome } from '../backtest/hook';
import { forecastLines, forecastNotifications } from './notify';
import { mdText } from '../render/escape';
import type { Plan } from '../model';

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
  const clients = clientsFor(options, run.plan.region, run.target);
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

/** Alarms the comment lists one by one under the forecast's headline. */
const NOTIFY_LINES = 20;

/** Who the apply will notify, from the backtest's report; nothing when the backtest did not run. */
export function notifyText(plan: Plan, backtest: BacktestOutcome | undefined): string {
  if (!backtest || !('report' in backtest) || !hasChanges(plan)) return '';
  return `\n\n${forecastLines(forecastNotifications(plan, backtest.report)).join('\n')}\n`;
}

export function notifyMarkdown(plan: Plan, backtest: BacktestOutcome | undefined): string {
  if (!backtest || !('report' in backtest) || !hasChanges(plan)) return '';
  const [head, ...rest] = forecastLines(forecastNotifications(plan, backtest.report));
  // One line per alarm while they are few; a pull request of a whole pack gets the headline and a count.
  const shown = rest.slice(0, NOTIFY_LINES).map((l) => `- ${mdText(l.trim())}`);
  if (rest.length > NOTIFY_LINES) shown.push(`- … and ${rest.length - NOTIFY_LINES} more`);
  return `\n**${mdText(head ?? '')}**\n${shown.length > 0 ? `\n${shown.join('\n')}\n` : ''}`;
}

/** The plan JSON with a `notifications` member (the forecast) when the backtest ran. */
export function withNotifyJson(planJson: string, plan: Plan, backtest: BacktestOutcome | undefined): string {
  if (!backtest || !('report' in backtest) || !hasChanges(plan)) return planJson;
  const doc = JSON.parse(planJson) as Record<string, unknown>;
  return JSON.stringify({ ...doc, notifications: forecastNotifications(plan, backtest.report) }, null, 2);
}
