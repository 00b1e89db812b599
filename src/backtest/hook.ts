/**
 * The thin seam between a computed plan and the backtest: the plan command and the action call these,
 * so their own code gains a line each. A backtest that cannot run never fails the plan: its section says why.
 */
import { clientsFor, type PlanRun, type RunOptions } from '../core';
import { MonitorsError, visibleLines } from '../model';
import { backtestJson, renderBacktestMarkdown, renderBacktestText } from './render';
import { backtestTargets, runBacktest, type BacktestOptions } from './run';
import { DEFAULT_LIMITS, type BacktestReport } from './types';

export type BacktestOutcome = { readonly report: BacktestReport } | { readonly error: string };

/** Backtests what the plan creates or changes; undefined when it touches no metric alarm. */
export async function backtestPlan(
  run: PlanRun,
  options: RunOptions,
  extra: Partial<BacktestOptions> = {},
): Promise<BacktestOutcome | undefined> {
  const includeUnchanged = extra.includeUnchanged ?? false;
  if (backtestTargets(run.plan, includeUnchanged, extra.only).length === 0) return undefined;
  const clients = clientsFor(options, run.plan.region, run.target);
  try {
    const report = await runBacktest(clients, run.plan, {
      limits: DEFAULT_LIMITS,
      since: '14d',
      includeUnchanged,
      ...extra,
    });
    return { report };
  } catch (err) {
    // AccessDenied (a plan role without the read calls), throttling past the retry budget, a timeout.
    const e = err as { name?: string; message?: string };
    if (err instanceof MonitorsError) return { error: `${err.code}: ${err.message}` };
    if (typeof e?.name === 'string' && typeof e.message === 'string') return { error: `${e.name}: ${e.message}` };
    throw err;
  }
}

export function backtestText(o: BacktestOutcome | undefined): string {
  if (!o) return '';
  // After the plan's last line, with a blank line between.
  return 'report' in o ? `\n\n${renderBacktestText(o.report)}` : `\n\nBacktest not run: ${visibleLines(o.error)}\n`;
}

export function backtestMarkdown(o: BacktestOutcome | undefined, maxLength?: number): string {
  if (!o) return '';
  if ('report' in o) return `\n${renderBacktestMarkdown(o.report, maxLength)}`;
  // In a fenced block with backticks replaced: the message may quote names from the pull request.
  return `\n### Backtest not run\n\n\`\`\`text\n${visibleLines(o.error).replace(/`/g, "'")}\n\`\`\`\n`;
}

/** The plan JSON with a `backtest` member (docs/plan-json.md). */
export function withBacktestJson(planJson: string, o: BacktestOutcome | undefined): string {
  if (!o) return planJson;
  const doc = JSON.parse(planJson) as Record<string, unknown>;
  return JSON.stringify({ ...doc, backtest: 'report' in o ? backtestJson(o.report) : { error: o.error } }, null, 2);
}
