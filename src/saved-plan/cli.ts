/** The CLI's hooks into saved plans: `plan --save FILE` and `monitors apply FILE`. */
import type { CliIo } from '../cli/io';
import type { CliOptions } from '../cli/args';
import { targetsIncomplete, type PlanRun, type RunOptions, type TargetRun } from '../core';
import { createProgressReporter } from '../apply/progress';
import { runOptionsFromCli } from '../commands/run-options';
import { packageInfo } from '../package-info';
import { applyReport, renderApplySummary } from '../render/apply-summary';
import { renderTargetsApplySummary, targetsApplyReport } from '../render/targets';
import { lineReporter } from '../apply/progress';
import { targetLabel, visible, visibleLines } from '../model';
import { applySavedPlan, StalePlanError } from './apply';
import type { ApplyResult } from '../apply/executor';
import { applyWithSettle, settleClient, settleText, type SettleReport } from '../settle/hook';
import { buildSavedPlan, buildSavedTargetsPlan, writeSavedPlan, type SaveContext } from './save';

function tool(): { name: string; version: string } {
  const { name, version } = packageInfo();
  return { name, version };
}

/** `plan --save FILE`: writes the run as a saved plan (mode 0600) and says how to apply it. */
export async function saveRun(
  run: PlanRun | readonly TargetRun[],
  file: string,
  options: RunOptions,
  io: CliIo,
): Promise<void> {
  const context: SaveContext = {
    directory: options.directory,
    options: {
      adopt: options.adopt,
      allowMassDelete: options.allowMassDelete,
      maxDeleteShare: options.maxDeleteShare,
      tagSource: options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api'),
    },
    tool: tool(),
    now: new Date(),
  };
  const body = Array.isArray(run)
    ? await buildSavedTargetsPlan(run as readonly TargetRun[], context)
    : await buildSavedPlan(run as PlanRun, context);
  await writeSavedPlan(file, body);
  io.stderr.write(`Saved the plan to ${visible(file)}. Apply exactly it with: monitors apply ${visible(file)}\n`);
}

/**
 * `monitors apply FILE`: no question asked, as with Terraform's saved plans: the plan was reviewed
 * when it was made, and apply refuses it unless it is still exactly that plan.
 */
export async function runApplyCommand(options: CliOptions, io: CliIo): Promise<number> {
  const file = options.planFile ?? '';
  const base = runOptionsFromCli(options, io.env);
  try {
    const progress = createProgressReporter(io.stderr, io.env);
    // With --settle, the single stack's apply runs inside a mute (src/settle/); targets are not settled yet.
    let settle: SettleReport | undefined;
    const settleSeconds = options.settleSeconds;
    const around =
      settleSeconds === undefined
        ? undefined
        : async (run: PlanRun, runOptions: RunOptions, apply: () => Promise<ApplyResult>) => {
            const out = await applyWithSettle(run, settleClient(run, runOptions), settleSeconds, apply);
            settle = out.settle;
            return out.result;
          };
    const applied = await applySavedPlan(
      file,
      base,
      tool(),
      (target) =>
        target
          ? lineReporter({ write: (line: string) => io.stderr.write(`[${targetLabel(target)}] ${line}`) })
          : progress,
      { quotas: options.quotas, releaseLockOnSignal: true },
      around,
    );
    const json = options.format === 'json';
    if ('targets' in applied) {
      const where = `stack ${visible(applied.saved.stack)} in ${applied.targets.map(targetLabel).join(', ')}`;
      if (!applied.applies) {
        io.stdout.write(
          json
            ? `${JSON.stringify({ apply: null, message: 'No changes.' })}\n`
            : `No changes in ${file}: ${where} already matches in every target.\n`,
        );
        return 0;
      }
      io.stdout.write(
        json
          ? `${JSON.stringify({ apply: targetsApplyReport(applied.applies) }, null, 2)}\n`
          : `Applied the saved plan ${visible(file)} to ${where}.\n${renderTargetsApplySummary(applied.applies)}\n`,
      );
      return targetsIncomplete(applied.applies) ? 1 : 0;
    }
    const { run, result } = applied;
    const where = `stack ${visible(applied.saved.stack)} in ${run.plan.region} (account ${run.plan.accountId})`;
    if (!result) {
      io.stdout.write(
        json
          ? `${JSON.stringify({ apply: null, message: 'No changes.' })}\n`
          : `No changes in ${file}: ${where} already matches.\n`,
      );
      return 0;
    }
    io.stdout.write(
      json
        ? `${JSON.stringify({ apply: applyReport(result), ...(settle ? { settle } : {}) }, null, 2)}\n`
        : `Applied the saved plan ${visible(file)} to ${where}.\n${renderApplySummary(result)}\n${settleText(settle)}`,
    );
    return result.failed + result.skipped > 0 ? 1 : 0;
  } catch (err) {
    if (!(err instanceof StalePlanError)) throw err;
    const lines = err.lines.map((l) => `  ${visible(l)}\n`).join('');
    io.stderr.write(`Error: ${visibleLines(err.message)}\n${lines}${visible(err.footer)}\n`);
    return 1;
  }
}
