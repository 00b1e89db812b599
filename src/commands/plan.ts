import type { CliIo } from '../cli/io';
import type { CliOptions } from '../cli/args';
import { applyStack, planStack, type RunOptions } from '../core';
import { MonitorsError, hasChanges } from '../model';
import { planRefused } from '../plan/guards';
import { renderJson, renderMarkdown, renderText, shouldUseColor } from '../render';
import { applyReport, renderApplySummary } from '../render/apply-summary';
import { createProgressReporter } from '../apply/progress';
import { ask } from './confirm';
import { backtestMarkdown, backtestPlan, backtestText, withBacktestJson } from '../backtest/hook';

/** The RunOptions a CLI invocation stands for. */
export function runOptionsFromCli(options: CliOptions, env: NodeJS.ProcessEnv): RunOptions {
  return {
    directory: options.directory,
    region: options.region,
    profile: options.profile,
    endpointUrl: options.endpointUrl,
    tagSource: options.tagSource,
    adopt: !options.noAdopt,
    allowMassDelete: options.allowMassDelete,
    maxDeleteShare: options.maxDeleteShare,
    requestTimeoutSeconds: options.requestTimeoutSeconds,
    env,
    credentials: options.profile ? undefined : credentialsFromEnv(env),
    lockWaitSeconds: options.lockTimeoutSeconds,
    lockTtlSeconds: options.lockTtlSeconds,
    quotas: options.quotas,
  };
}

/**
 * Static keys from the given environment, the first link of the SDK's own chain; taken here so the
 * environment a run is given (not whatever process.env holds) decides. Otherwise the SDK chain runs.
 */
export function credentialsFromEnv(env: NodeJS.ProcessEnv): RunOptions['credentials'] {
  const {
    AWS_ACCESS_KEY_ID: accessKeyId,
    AWS_SECRET_ACCESS_KEY: secretAccessKey,
    AWS_SESSION_TOKEN: sessionToken,
  } = env;
  if (!accessKeyId || !secretAccessKey) return undefined;
  return { accessKeyId, secretAccessKey, ...(sessionToken ? { sessionToken } : {}) };
}

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
  const run = await planStack(runOptions);
  const backtest = options.noBacktest ? undefined : await backtestPlan(run, runOptions);
  const rendered =
    options.format === 'json'
      ? withBacktestJson(renderJson(run.plan), backtest)
      : options.format === 'markdown'
        ? renderMarkdown(run.plan) + backtestMarkdown(backtest)
        : renderText(run.plan, { color: shouldUseColor(io.stdout, io.env) }) + backtestText(backtest);
  // With --format json, stdout of an apply is one document: the plan with an `apply` member, printed
  // once the apply is over. A person confirming at the prompt reads the plan as text on stderr.
  const oneJsonDocument = applying && options.format === 'json' && hasChanges(run.plan) && !planRefused(run.plan);
  if (!oneJsonDocument) print(rendered);
  else if (!options.yes) io.stderr.write(`${renderText(run.plan, { color: false })}${backtestText(backtest)}\n`);
  if (options.out) {
    writeFile(
      options.out,
      options.format === 'text' ? renderText(run.plan, { color: false }) + backtestText(backtest) : rendered,
    );
  }
  if (options.save) await (await import('../saved-plan/cli')).saveRun(run, options.save, runOptions, io);
  if (options.stats) {
    const lines = Object.entries(run.calls)
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([op, n]) => `  ${op}: ${n}`);
    const total = Object.values(run.calls).reduce((a, b) => a + b, 0);
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
  const result = await applyStack(run, runOptions, createProgressReporter(io.stderr, io.env), {
    quotas: options.quotas,
    releaseLockOnSignal: true,
  });
  if (oneJsonDocument) {
    const doc = { ...(JSON.parse(rendered) as object), apply: applyReport(result) };
    print(JSON.stringify(doc, null, 2));
  } else print(renderApplySummary(result));
  return result.failed + result.skipped > 0 ? 1 : 0;
}
