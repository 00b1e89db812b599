/** `monitors backtest [dir] [--since 14d] [--only NAME] [--format F] [--max-metrics N] [--max-log-bytes N] [--max-log-events N]`. */
import { oneOf, optionalDirectory, parseCommandLine } from '../cli/command-line';
import { FORMATS, commandHelp } from '../cli/table';
import { parseRequestTimeout } from '../aws/clients';
import type { CliIo } from '../cli/io';
import { runOptionsFromCli } from '../commands/run-options';
import { planStack } from '../core';
import { MonitorsError } from '../model';
import { backtestMarkdown, backtestPlan, backtestText, withBacktestJson } from './hook';
import { DEFAULT_LIMITS } from './types';
import { parseSince } from './window';
import type { CliOptions } from '../cli/args';

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value))
    throw new MonitorsError('USAGE', `--${flag} "${value.slice(0, 20)}" is not valid: expected a whole number`);
  return Number(value);
}

export async function runBacktestCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('backtest', argv);
  const v = { only: parsed.str('only'), since: parsed.str('since') };
  if (parsed.flag('help')) {
    io.stdout.write(`${commandHelp('backtest')}
`);
    return 0;
  }
  const directory = optionalDirectory(parsed.positionals);
  const format = oneOf('format', parsed.str('format'), FORMATS.backtest) ?? 'text';
  const since = v.since ?? '14d';
  const limits = {
    sinceSeconds: parseSince(since),
    maxMetrics: count('max-metrics', parsed.str('max-metrics'), DEFAULT_LIMITS.maxMetrics),
    maxLogBytes: count('max-log-bytes', parsed.str('max-log-bytes'), DEFAULT_LIMITS.maxLogBytes),
    maxLogEvents: count('max-log-events', parsed.str('max-log-events'), DEFAULT_LIMITS.maxLogEvents),
  };
  const options = runOptionsFromCli(
    {
      directory: directory ?? 'monitors',
      region: parsed.str('region'),
      profile: parsed.str('profile'),
      endpointUrl: parsed.str('endpoint-url') ?? io.env.AWS_ENDPOINT_URL,
      requestTimeoutSeconds: parseRequestTimeout(parsed.str('request-timeout')),
      noAdopt: false,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      lockTimeoutSeconds: 0,
    } as CliOptions,
    io.env,
  );
  // Alarms are replayed, chats never written: a webhook's secret is not needed.
  const run = await planStack({ ...options, secretsOptional: true });
  const outcome = await backtestPlan(run, options, { includeUnchanged: true, only: v.only, since, limits });
  if (!outcome) {
    if (v.only !== undefined)
      throw new MonitorsError('USAGE', `--only: no metric alarm named "${v.only}" in the stack`);
    io.stdout.write('No metric alarm to backtest.\n');
    return 0;
  }
  const text =
    format === 'json'
      ? `${withBacktestJson('{}', outcome)}\n`
      : format === 'markdown'
        ? backtestMarkdown(outcome, 1_000_000).replace(/^\n/, '')
        : backtestText(outcome).replace(/^\n+/, '');
  io.stdout.write(text);
  return 'error' in outcome ? 1 : 0;
}
