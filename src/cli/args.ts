import { parseArgs } from 'util';
import { MonitorsError } from '../model';
import { DEFAULT_QUOTAS } from '../apply/rate-limiter';
import { didYouMean } from '../config/suggest';
import { durationSeconds } from '../config/forms';
import { parseRequestTimeout } from '../aws/clients';

/** The commands the CLI knows. */
export type CommandName = 'validate' | 'plan' | 'reconcile' | 'iam-policy' | 'force-unlock' | 'test';

/** Every CLI input, parsed once into one readonly object. */
export interface CliOptions {
  readonly command: CommandName;
  /** The monitors directory (positional; default "monitors"). */
  readonly directory: string;
  /** Plan only: never write to AWS. */
  readonly dryRun: boolean;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
  readonly format: 'text' | 'markdown' | 'json';
  /** Also write the rendered plan to this file. */
  readonly out?: string;
  /** Exit 2 when the plan has changes (Terraform's -detailed-exitcode). */
  readonly detailedExitcode: boolean;
  /** Print AWS call counts by operation. */
  readonly stats: boolean;
  readonly allowMassDelete: boolean;
  /** Refuse to take over unowned resources that the files declare. */
  readonly noAdopt: boolean;
  /** Share of owned resources a plan may delete (0..1) before the guard refuses. */
  readonly maxDeleteShare: number;
  readonly tagSource?: 'tagging-api' | 'per-resource';
  /** Apply without asking. Required when stdin is not a terminal. */
  readonly yes: boolean;
  /** Seconds one attempt of one AWS call may take before it fails with a TIMEOUT error. */
  readonly requestTimeoutSeconds?: number;
  /** Raised AWS request quotas, by "Service.Operation", in requests per second. */
  readonly quotas: Readonly<Record<string, number>>;
  /** reconcile: seconds to wait for another apply's lock (0: fail at once). */
  readonly lockTimeoutSeconds: number;
  /** reconcile: seconds after which an apply lock counts as abandoned. */
  readonly lockTtlSeconds?: number;
  /** iam-policy: which role's policy to print. */
  readonly mode: 'plan' | 'apply';
  /** iam-policy: the 12-digit account the role lives in, to scope resource ARNs to it. */
  readonly accountId?: string;
  /** plan/reconcile: skip the backtest of created or changed alarms. */
  readonly noBacktest: boolean;
  readonly help: boolean;
}

/** The help text of each command; `monitors <command> --help` prints it. */
export const HELP: Readonly<Record<CommandName | 'main', string>> = {
  main: `monitors: monitoring-as-code for AWS CloudWatch

Usage: monitors <command> [options] [directory]

Commands:
  validate [dir]         Check monitors files (schema, references, patterns, limits). No AWS calls.
  plan [dir]             Show what reconcile would change (same as reconcile --dry-run).
  reconcile [dir]        Plan, confirm, and apply. --dry-run to plan only.
  iam-policy --mode M    Print the least-privilege IAM policy for the plan or apply role.
  test [dir]             Run the rule tests in dir/tests offline: log lines → filters → alarms → notifications.
  init [dir]             Write a starter stack and the three workflows into this repository.
  roles-template [dir]   Print a CloudFormation template: GitHub OIDC provider, plan and apply roles.
  force-unlock [dir]     Remove the apply lock a crashed run left (asks first; --yes to skip).
  backtest [dir]         Replay two weeks of metric history through each alarm, new and live definitions.
  match 'PATTERN' [file] Show which log lines a filter pattern matches and the value each emits. Offline.

Run "monitors <command> --help" for a command's options. The directory defaults to ./monitors.`,
  validate: `Usage: monitors validate [dir]

Validates every *.yaml / *.yml file under dir (default ./monitors) against schema/monitors.schema.json
and checks meaning across files. Prints each problem as file:line:column. Makes no AWS call.
Exit codes: 0 valid (warnings allowed), 1 errors found.`,
  plan: `Usage: monitors plan [options] [dir]        (alias of: monitors reconcile --dry-run)

Options:
  --region R              AWS region (default: the stack's region, then the SDK's chain)
  --profile P             AWS shared-config profile
  --endpoint-url URL      Custom AWS endpoint (e.g. a local emulator)
  --format F              text (default) | markdown | json
  --out FILE              Also write the rendered plan to FILE
  --detailed-exitcode     Exit 0 no changes, 1 error, 2 changes
  --stats                 Print AWS API calls by operation
  --allow-mass-delete     Lift the guards against deleting all / most owned resources
  --max-delete-share X    Share of owned resources a plan may delete (default 0.5)
  --no-adopt              Do not take over declared resources that exist unowned
  --no-backtest           Skip replaying 14 days of history through created or changed alarms
  --tag-source S          tagging-api (default on AWS) | per-resource (default with --endpoint-url)
  --request-timeout S     Seconds one attempt of an AWS call may take (default 30; 3 attempts per call)
  --quota OP=N            A raised AWS quota in requests/second, e.g. CloudWatch.PutMetricAlarm=10
                          (repeatable; defaults are AWS's default quotas)`,
  reconcile: `Usage: monitors reconcile [options] [dir]

Computes a fresh plan, prints it, asks for confirmation on a terminal, and applies it.
  --dry-run               Plan only (same as monitors plan)
  --yes                   Apply without asking (required when stdin is not a terminal)
  --lock-timeout D        Wait up to D (e.g. 5m) for another apply of the stack to finish (default 0s)
  --lock-ttl D            A lock older than D is taken over as abandoned (default 30m)
All options of "monitors plan" apply too.
Exit codes: 0 success, 1 error or a failed change, 2 (with --detailed-exitcode and --dry-run) changes.`,
  'iam-policy': `Usage: monitors iam-policy --mode plan|apply [--account-id ID] [dir]

Prints the least-privilege IAM policy JSON for the role that plans (read-only) or applies.
Writes are tied to the stack's monitors:stack tag, and log-group and topic calls to the names
declared in dir. --account-id scopes every ARN to that account (without it: any account).
Re-print and re-attach the apply policy when you declare a new log group or topic.`,
  'force-unlock': `Usage: monitors force-unlock [--yes] [dir]

Removes the stack's apply lock (the SSM parameter /monitors/<stack>/lock in its region) left by an apply
that crashed or was killed. Shows who holds it and asks first; --yes removes it without asking.
Only do this when that apply is no longer running. Takes --region, --profile and --endpoint-url.`,
  test: `Usage: monitors test [--format text|json] [dir]

Runs the rule tests in dir/tests/*.yaml (default dir: ./monitors) offline: sample log lines go through the
stack's own metric filters, the alarms are simulated with CloudWatch's evaluation rules, and each test's
expected matches, metric values, alarm states and notifications are compared with what happened.
Files under dir/tests are rule tests, never monitors files. No AWS call.
  --format F              text (default) | json
Exit codes: 0 every test passed, 1 a test failed, a file is invalid, or there is no test.`,
};

const COMMANDS: readonly CommandName[] = ['validate', 'plan', 'reconcile', 'iam-policy', 'force-unlock', 'test'];

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MonitorsError('USAGE', `--${flag} "${value}" is not valid: expected one of ${allowed.join(', ')}`);
}

/** `--quota CloudWatch.PutMetricAlarm=10` flags, checked against the operations the limiter paces. */
function parseQuotas(flags: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const flag of flags) {
    const [op = '', value = ''] = flag.split('=');
    const rate = Number(value);
    if (!(op in DEFAULT_QUOTAS)) {
      throw new MonitorsError(
        'USAGE',
        `--quota "${flag}": unknown operation "${op}"${didYouMean(op, Object.keys(DEFAULT_QUOTAS))}`,
      );
    }
    if (!(rate > 0)) throw new MonitorsError('USAGE', `--quota "${flag}": expected OPERATION=N with N > 0`);
    out[op] = rate;
  }
  return out;
}

/** A duration flag ("90s", "5m", "1h", or plain seconds) in seconds. */
function seconds<T extends number | undefined>(flag: string, value: string | undefined, fallback: T): number | T {
  if (value === undefined) return fallback;
  const n = /^\d+$/.test(value) ? Number(value) : durationSeconds(value);
  if (!Number.isFinite(n) || n < 0 || (flag === 'lock-ttl' && n === 0)) {
    throw new MonitorsError('USAGE', `--${flag} "${value}" is not valid: expected a duration such as 30s, 5m or 1h`);
  }
  return n;
}

/** Parses argv (without node and script) into CliOptions; throws MonitorsError USAGE on bad input. */
export function parseCliArgs(
  argv: readonly string[],
): CliOptions | { readonly help: true; readonly command?: CommandName } {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { help: true };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new MonitorsError('USAGE', `unknown command "${first}": expected one of ${COMMANDS.join(', ')}`);
  }
  const command = first as CommandName;
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: {
        'dry-run': { type: 'boolean', default: false },
        region: { type: 'string' },
        profile: { type: 'string' },
        'endpoint-url': { type: 'string' },
        format: { type: 'string' },
        out: { type: 'string' },
        'detailed-exitcode': { type: 'boolean', default: false },
        stats: { type: 'boolean', default: false },
        'allow-mass-delete': { type: 'boolean', default: false },
        'max-delete-share': { type: 'string' },
        'no-adopt': { type: 'boolean', default: false },
        'no-backtest': { type: 'boolean', default: false },
        'tag-source': { type: 'string' },
        yes: { type: 'boolean', short: 'y', default: false },
        mode: { type: 'string' },
        'account-id': { type: 'string' },
        quota: { type: 'string', multiple: true },
        'lock-timeout': { type: 'string' },
        'lock-ttl': { type: 'string' },
        'request-timeout': { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
  } catch (err) {
    throw new MonitorsError('USAGE', `${(err as Error).message}. Run "monitors ${command} --help".`);
  }
  const v = parsed.values;
  if (v.help) return { help: true, command };
  if (parsed.positionals.length > 1) {
    throw new MonitorsError('USAGE', `expected at most one directory, got: ${parsed.positionals.join(' ')}`);
  }
  const share = v['max-delete-share'] === undefined ? 0.5 : Number(v['max-delete-share']);
  if (!(share >= 0 && share <= 1)) {
    throw new MonitorsError(
      'USAGE',
      `--max-delete-share "${v['max-delete-share']}" is not valid: expected a number from 0 to 1`,
    );
  }
  const quotas = parseQuotas(v.quota ?? []);
  const lockTimeout = seconds('lock-timeout', v['lock-timeout'], 0);
  const lockTtl = seconds('lock-ttl', v['lock-ttl'], undefined);
  const requestTimeoutSeconds = parseRequestTimeout(v['request-timeout']);
  const mode = oneOf('mode', v.mode, ['plan', 'apply'] as const);
  if (command === 'iam-policy' && mode === undefined) {
    throw new MonitorsError('USAGE', 'iam-policy needs --mode plan or --mode apply');
  }
  const accountId = v['account-id'];
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new MonitorsError('USAGE', `--account-id "${accountId.slice(0, 20)}" is not valid: expected 12 digits`);
  }
  return {
    command,
    directory: parsed.positionals[0] ?? 'monitors',
    dryRun: command === 'plan' || v['dry-run'] === true,
    region: v.region,
    profile: v.profile,
    endpointUrl: v['endpoint-url'] ?? process.env.AWS_ENDPOINT_URL,
    format: oneOf('format', v.format, ['text', 'markdown', 'json'] as const) ?? 'text',
    out: v.out,
    detailedExitcode: v['detailed-exitcode'] === true,
    stats: v.stats === true,
    allowMassDelete: v['allow-mass-delete'] === true,
    noAdopt: v['no-adopt'] === true,
    noBacktest: v['no-backtest'] === true,
    maxDeleteShare: share,
    tagSource: oneOf('tag-source', v['tag-source'], ['tagging-api', 'per-resource'] as const),
    yes: v.yes === true,
    mode: mode ?? 'plan',
    accountId,
    quotas,
    lockTimeoutSeconds: lockTimeout ?? 0,
    lockTtlSeconds: lockTtl,
    requestTimeoutSeconds,
    help: false,
  };
}
