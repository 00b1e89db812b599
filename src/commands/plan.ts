import type { CliIo } from '../cli/io';
import type { CliOptions } from '../cli/args';
import {
  applyStack,
  applyTargets,
  planStacks,
  targetPlans,
  targetsIncomplete,
  type RunOptions,
  type StackPlans,
} from '../core';
import { lineReporter } from '../apply/progress';
import { targetLabel } from '../model';
import {
  failedTargets,
  renderTargetsApplySummary,
  renderTargetsJson,
  renderTargetsMarkdown,
  renderTargetsText,
  targetsApplyReport,
  targetsHaveChanges,
} from '../render/targets';
import { MonitorsError, hasChanges } from '../model';
import { planRefused } from '../plan/guards';
import { renderJson, renderMarkdown, renderText, shouldUseColor } from '../render';
import { applyReport, renderApplySummary } from '../render/apply-summary';
import { createProgressReporter } from '../apply/progress';
import { ask } from './confirm';
import { applyWithSettle, settleClient, settleText } from '../settle/hook';
import { runOptionsFromCli } from './run-options';
import { backtestMarkdown, backtestPlan, backtestText, withBacktestJson } from '../backtest/hook';
import {
  liveCheckPlan,
  liveMarkdown,
  liveText,
  notifyMarkdown,
  notifyText,
  withLiveJson,
  withNotifyJson,
} from '../live-checks/hook';

// Moved to ./run-options (it broke the commands/plan ↔ saved-plan/cli cycle); kept here for old imports.
export { credentialsFromEnv, runOptionsFromCli } from './run-options';
/**
 * `monitors plan` and `monitors reconcile`: always computes a fresh plan, prints it, and (reconcile
 * without --dry-run) applies exactly that plan after confirmation.
 */
export async function runPlanCommand(
  options: CliOptions,
  io: CliIo,
  writeFile: (path: string, text: string) => void,
): Promise<number> {
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const applying = options.command === 'reconcile' && !options.dryRun;
  if (applying && !options.yes && !io.stdin.isTTY) {
    throw new MonitorsError('USAGE', 'stdin is not a terminal: pass --yes to apply without confirmation');
  }
  const runOptions = runOptionsFromCli(options, io.env);
  const plans = await planStacks(runOptions);
  if (plans.targets) return runTargetsPlan(plans, options, runOptions, io, writeFile, applying);
  const { run } = plans;
  const live = await liveCheckPlan(run, runOptions, { skip: options.noLiveChecks, checkAll: options.checkAll });
  const backtest = options.noBacktest ? undefined : await backtestPlan(run, runOptions);
  // What follows the plan's text: the checks and cost, the backtest, who the apply will notify.
  const extras = () => liveText(live) + backtestText(backtest) + notifyText(run.plan, backtest);
  const rendered =
    options.format === 'json'
      ? withNotifyJson(withLiveJson(withBacktestJson(renderJson(run.plan), backtest), live), run.plan, backtest)
      : options.format === 'markdown'
        ? renderMarkdown(run.plan) +
          liveMarkdown(live) +
          backtestMarkdown(backtest) +
          notifyMarkdown(run.plan, backtest)
        : renderText(run.plan, { color: shouldUseColor(io.stdout, io.env) }) + extras();
  // With --format json, stdout of an apply is one document: the plan with an `apply` member, printed
  // once the apply is over. A person confirming at the prompt reads the plan as text on stderr.
  const oneJsonDocument = applying && options.format === 'json' && hasChanges(run.plan) && !planRefused(run.plan);
  if (!oneJsonDocument) print(rendered);
  else if (!options.yes) io.stderr.write(`${renderText(run.plan, { color: false })}${extras()}\n`);
  if (options.out) {
    writeFile(
      options.out,
      options.format === 'text'
        ? renderText(run.plan, { color: false }) + liveText(live) + backtestText(backtest)
        : rendered,
    );
  }
  if (options.save) await (await import('../saved-plan/cli')).saveRun(run, options.save, runOptions, io);
  if (options.stats) {
    const lines = Object.entries(live.report ? addCalls(run.calls, live.report.calls) : run.calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, n]) => `  ${op}: ${n}`);
    const total = lines.reduce((a, l) => a + Number(l.slice(l.lastIndexOf(' ') + 1)), 0);
    io.stderr.write(`AWS calls (${total}):\n${lines.join('\n')}\n`);
  }
  if (planRefused(run.plan)) return 1;
  if (!applying) return options.detailedExitcode && hasChanges(run.plan) ? 2 : 0;
  if (!hasChanges(run.plan)) return 0;
  if (
    !options.yes &&
    !(await ask(io, 'Apply this plan? Only "yes" is accepted: ', oneJsonDocument ? io.stderr : io.stdout))
  ) {
    if (oneJsonDocument) {
      print(rendered);
      io.stderr.write('Apply cancelled.\n');
    } else print('Apply cancelled.');
    return 1;
  }
  const applyNow = () =>
    applyStack(run, runOptions, createProgressReporter(io.stderr, io.env), {
      quotas: options.quotas,
      releaseLockOnSignal: true,
    });
  const { result, settle } =
    options.settleSeconds === undefined
      ? { result: await applyNow(), settle: undefined }
      : await applyWithSettle(run, settleClient(run, runOptions), options.settleSeconds, applyNow);
  if (oneJsonDocument) {
    const doc = { ...(JSON.parse(rendered) as object), apply: applyReport(result), ...(settle ? { settle } : {}) };
    print(JSON.stringify(doc, null, 2));
  } else print(renderApplySummary(result) + settleText(settle));
  return result.failed + result.skipped > 0 ? 1 : 0;
}

/**
 * `plan` / `reconcile` of a stack with targets: every target planned at once, printed as one
 * document (a section per target, a row per target), then applied at once after one confirmation.
 * A target that failed is reported and makes the exit code 1; the others are planned and applied.
 * The backtest is not run per target yet.
 */
async function runTargetsPlan(
  plans: Extract<StackPlans, { targets: readonly unknown[] }>,
  options: CliOptions,
  runOptions: RunOptions,
  io: CliIo,
  writeFile: (path: string, text: string) => void,
  applying: boolean,
): Promise<number> {
  const print = (text: string) => io.stdout.write(text.endsWith('\n') ? text : `${text}\n`);
  const targets = targetPlans(plans.targets);
  const text = (color: boolean) => renderTargetsText(targets, { color });
  const rendered =
    options.format === 'json'
      ? renderTargetsJson(plans.stack, targets)
      : options.format === 'markdown'
        ? renderTargetsMarkdown(plans.stack, targets, { maxLength: Number.MAX_SAFE_INTEGER })
        : text(shouldUseColor(io.stdout, io.env));
  const changes = targetsHaveChanges(targets);
  const refused = targets.some((t) => t.status === 'planned' && planRefused(t.plan));
  const failed = failedTargets(targets).length > 0;
  const oneJsonDocument = applying && options.format === 'json' && changes;
  if (!oneJsonDocument) print(rendered);
  else if (!options.yes) io.stderr.write(`${text(false)}\n`);
  if (options.out) writeFile(options.out, options.format === 'text' ? text(false) : rendered);
  if (options.save) await (await import('../saved-plan/cli')).saveRun(plans.targets, options.save, runOptions, io);
  if (options.stats) {
    for (const t of plans.targets) {
      if (t.status !== 'planned') continue;
      const total = Object.values(t.run.calls).reduce((a, b) => a + b, 0);
      io.stderr.write(`AWS calls in ${targetLabel(t.target)} (${total}):\n`);
      for (const [op, n] of Object.entries(t.run.calls).sort(([a], [b]) => a.localeCompare(b)))
        io.stderr.write(`  ${op}: ${n}\n`);
    }
  }
  if (!applying) {
    if (failed || refused) return 1;
    return options.detailedExitcode && changes ? 2 : 0;
  }
  if (!changes) return failed || refused ? 1 : 0;
  const prompt = 'Apply these plans (every target with changes)? Only "yes" is accepted: ';
  if (!options.yes && !(await ask(io, prompt, oneJsonDocument ? io.stderr : io.stdout))) {
    if (oneJsonDocument) {
      print(rendered);
      io.stderr.write('Apply cancelled.\n');
    } else print('Apply cancelled.');
    return 1;
  }
  const applies = await applyTargets(
    plans.targets,
    runOptions,
    (target) =>
      lineReporter({
        write: (line: string) => io.stderr.write(`[${targetLabel(target)}] ${line}`),
      }),
    { quotas: options.quotas, releaseLockOnSignal: true },
  );
  if (oneJsonDocument) {
    const doc = { ...(JSON.parse(rendered) as object), apply: targetsApplyReport(applies) };
    print(JSON.stringify(doc, null, 2));
  } else print(renderTargetsApplySummary(applies));
  return targetsIncomplete(applies) ? 1 : 0;
}

/** The plan's calls and the live checks' calls, by operation. */
function addCalls(a: Readonly<Record<string, number>>, b: Readonly<Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = { ...a };
  for (const [op, n] of Object.entries(b)) out[op] = (out[op] ?? 0) + n;
  return out;
}
