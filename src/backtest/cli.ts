/** `monitors backtest [dir] [--since 14d] [--only NAME] [--format F] [--max-metrics N] [--max-log-bytes N] [--max-log-events N]`. */
import { optionalDirectory, parseCommandLine } from '../cli/command-line';
import { parseRequestTimeout } from '../aws/clients';
import type { CliIo } from '../cli/io';
import { runOptionsFromCli } from '../commands/run-options';
import { planStack } from '../core';
import { MonitorsError } from '../model';
import { backtestMarkdown, backtestPlan, backtestText, withBacktestJson } from './hook';
import { DEFAULT_LIMITS } from './types';
import { parseSince } from './window';
import type { CliOptions } from '../cli/args';

export const BACKTEST_HELP = `Usage: monitors backtest [options] [dir]

Replays the last two weeks of each declared metric alarm's metric through CloudWatch's evaluation rules,
with the definition in dir and the one live in AWS, and prints how often each would have fired.
Alarms over new or changed metric filters are replayed from the log group's recent events instead.
Reads only: GetMetricData and FilterLogEvents (plus what a plan reads).
  --since D               How far back: 90m, 36h, 14d (default 14d; cut to CloudWatch's retention)
  --only NAME             Only the alarm with this name
  --format F              text (default) | markdown | json
  --max-metrics N         Stop before requesting more than N metrics (default ${DEFAULT_LIMITS.maxMetrics})
  --max-log-bytes N       Stop reading log events after N bytes (default ${DEFAULT_LIMITS.maxLogBytes})
  --max-log-events N      Read at most N events per log group; the window is cut there (default ${DEFAULT_LIMITS.maxLogEvents})
  --region R, --profile P, --endpoint-url URL, --request-timeout S   as for monitors plan
Cost: GetMetricData is billed per metric requested; the report states metrics, calls and log bytes.`;

function count(flag: string, value: string | undefined, fallback: number): number {
  if (value === undefined) return fallback;
  if (!/^\d{1,15}$/.test(value))
    throw new MonitorsError('USAGE', `--${flag} "${value.slice(0, 20)}" is not valid: expected a whole number`);
  return Number(value);
}

export async function runBacktestCli(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('backtest', argv, {
    since: { type: 'string' },
    only: { type: 'string' },
    format: { type: 'string' },
    'max-metrics': { type: 'string' },
    'max-log-bytes': { type: 'string' },
    'max-log-events': { type: 'string' },
    region: { type: 'string' },
    profile: { type: 'string' },
    'endpoint-url': { type: 'string' },
    'request-timeout': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  });
  const v = parsed.values;
  if (v.help) {
    io.stdout.write(`${BACKTEST_HELP}\n`);
    return 0;
  }
  const directory = optionalDirectory(parsed.positionals);
  const format = v.format ?? 'text';
  if (format !== 'text' && format !== 'markdown' && format !== 'json') {
    throw new MonitorsError('USAGE', `--format "${format}" is not valid: expected one of text, markdown, json`);
  }
  const since = v.since ?? '14d';
  const limits = {
    sinceSeconds: parseSince(since),
    maxMetrics: count('max-metrics', v['max-metrics'], DEFAULT_LIMITS.maxMetrics),
    maxLogBytes: count('max-log-bytes', v['max-log-bytes'], DEFAULT_LIMITS.maxLogBytes),
    maxLogEvents: count('max-log-events', v['max-log-events'], DEFAULT_LIMITS.maxLogEvents),
  };
  const options = runOptionsFromCli(
    {
      directory: directory ?? 'monitors',
      region: v.region,
      profile: v.profile,
      endpointUrl: v['endpoint-url'] ?? io.env.AWS_ENDPOINT_URL,
      requestTimeoutSeconds: parseRequestTimeout(v['request-timeout']),
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
