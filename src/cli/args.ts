import { MonitorsError } from '../model';
import { DEFAULT_QUOTAS } from '../apply/rate-limiter';
import { didYouMean } from '../config/suggest';
import { excerpt } from '../model/visible';
import { durationSeconds } from '../config/forms';
import { parseRequestTimeout } from '../aws/timeouts';
import { checkSettleSeconds } from '../settle/bounds';
import { oneOf, parseCommandLine } from './command-line';
import { ALL_COMMANDS, FORMATS, MAIN_HELP, commandHelp, type AnyCommand, type CommandName } from './table';

export type { AnyCommand, CommandName };

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
  /** plan: also save the plan to this file, for `monitors apply FILE` (src/saved-plan/). */
  readonly save?: string;
  /** apply: the saved plan to apply (its positional). */
  readonly planFile?: string;
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
  /** plan/reconcile: skip the live checks (series, data, filter match rates); the cost estimate stays. */
  readonly noLiveChecks: boolean;
  /** plan/reconcile: live-check every alarm and filter, not only the new and changed ones. */
  readonly checkAll: boolean;
  /** reconcile/apply: mute new and changed alarms for at most this many seconds while they first evaluate. */
  readonly settleSeconds?: number;
  /** import: what to read. */
  readonly importSelection: {
    readonly all: boolean;
    readonly logGroupPrefixes: readonly string[];
    readonly alarmPrefixes: readonly string[];
    readonly topics: readonly string[];
  };
  /** test: print the SLOs' starter tests instead of running the tests. */
  readonly scaffoldSlos: boolean;
  /** import: an SLO file to convert (OpenSLO v1 or a Sloth spec) instead of reading AWS. */
  readonly importSloFile?: { readonly format: 'openslo' | 'sloth'; readonly file: string };
  /** import: the stack the written files declare. */
  readonly stackName?: string;
  /** import: overwrite files of the same name. */
  readonly force: boolean;
  /** force-unlock: which target's lock (alias/region) in a stack with targets. */
  readonly target?: string;
  readonly help: boolean;
}

/** What `--help` and `--version` ask for instead of a command run. */
export type InfoRequest = { readonly help: true; readonly command?: CommandName } | { readonly version: true };

/** The --format values a command accepts (the first is the default); none for a command without --format. */
function formatsOf(command: CommandName): readonly CliOptions['format'][] {
  return (FORMATS as Partial<Record<CommandName, readonly CliOptions['format'][]>>)[command] ?? [];
}

const COMMANDS: readonly CommandName[] = [
  'validate',
  'plan',
  'reconcile',
  'apply',
  'iam-policy',
  'force-unlock',
  'test',
  'import',
];

/** The help text of each command, generated from the option table; `monitors <command> --help` prints it. */
export const HELP: Readonly<Record<AnyCommand | 'main', string>> = {
  main: MAIN_HELP,
  ...(Object.fromEntries(ALL_COMMANDS.map((c) => [c, commandHelp(c)])) as Record<AnyCommand, string>),
};

/** The operations the limiter paces, by lower-cased "service.operation". */
const QUOTA_OPERATIONS = new Map(Object.keys(DEFAULT_QUOTAS).map((op) => [op.toLowerCase(), op]));
/** IAM's service prefixes where they differ from the SDK's names, so an IAM action name works too. */
const IAM_SERVICES: ReadonlyMap<string, string> = new Map([
  ['logs', 'cloudwatchlogs'],
  ['tag', 'tagging'],
]);

/**
 * `--quota OP=N` flags: OP is a paced operation as "Service.Operation" (the --stats names) or as its
 * IAM action "service:Operation", in any case; N requests per second, a plain decimal above 0
 * (no exponent, no Infinity). Each operation at most once.
 */
function parseQuotas(flags: readonly string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const flag of flags) {
    const shown = excerpt(flag);
    const malformed = new MonitorsError(
      'USAGE',
      `--quota ${shown}: expected OPERATION=N with N > 0 requests per second, OPERATION as Service.Operation or service:Operation (e.g. cloudwatch:PutMetricAlarm=10)`,
    );
    const match = /^([A-Za-z]+)[.:]([A-Za-z]+)=(\d{1,6}(?:\.\d{1,6})?)$/.exec(flag.trim());
    if (!match) throw malformed;
    const [, service = '', operation = '', value = ''] = match;
    const lower = service.toLowerCase();
    const op = QUOTA_OPERATIONS.get(`${IAM_SERVICES.get(lower) ?? lower}.${operation.toLowerCase()}`);
    if (op === undefined) {
      throw new MonitorsError(
        'USAGE',
        `--quota ${shown}: unknown operation "${service}.${operation}"${didYouMean(`${service}.${operation}`, Object.keys(DEFAULT_QUOTAS))}`,
      );
    }
    const rate = Number(value);
    if (!(rate > 0)) throw malformed;
    if (op in out) throw new MonitorsError('USAGE', `--quota ${shown}: ${op} is given twice`);
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
export function parseCliArgs(argv: readonly string[]): CliOptions | InfoRequest {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { help: true };
  if (first === '--version' || first === '-v' || first === 'version') return { version: true };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new MonitorsError(
      'USAGE',
      `unknown command "${first}"${didYouMean(first, ALL_COMMANDS)}: expected one of ${ALL_COMMANDS.join(', ')}`,
    );
  }
  const command = first as CommandName;
  const parsed = parseCommandLine(command, rest);
  const { str, flag } = parsed;
  if (flag('help')) return { help: true, command };
  if (command === 'import' && parsed.positionals.length > 0) {
    throw new MonitorsError('USAGE', `import takes no directory (got ${parsed.positionals[0]}): use --out DIR`);
  }
  if (command === 'apply' && parsed.positionals.length !== 1) {
    throw new MonitorsError('USAGE', 'monitors apply takes one saved plan file: monitors apply FILE (see plan --save)');
  }
  if (parsed.positionals.length > 1) {
    throw new MonitorsError('USAGE', `expected at most one directory, got: ${parsed.positionals.join(' ')}`);
  }
  const share = str('max-delete-share') === undefined ? 0.5 : Number(str('max-delete-share'));
  if (!(share >= 0 && share <= 1)) {
    throw new MonitorsError(
      'USAGE',
      `--max-delete-share "${str('max-delete-share')}" is not valid: expected a number from 0 to 1`,
    );
  }
  const quotas = parseQuotas(parsed.list('quota'));
  const requestTimeoutSeconds = parseRequestTimeout(str('request-timeout'));
  const lockTimeout = seconds('lock-timeout', str('lock-timeout'), 0);
  const lockTtl = seconds('lock-ttl', str('lock-ttl'), undefined);
  const settle = seconds('settle', str('settle'), undefined);
  const accountId = str('account-id');
  if (accountId !== undefined && !/^\d{12}$/.test(accountId)) {
    throw new MonitorsError('USAGE', `--account-id "${accountId.slice(0, 20)}" is not valid: expected 12 digits`);
  }
  const mode = oneOf('mode', str('mode'), ['plan', 'apply'] as const);
  if (command === 'iam-policy' && mode === undefined) {
    throw new MonitorsError('USAGE', 'iam-policy needs --mode plan or --mode apply');
  }
  return {
    command,
    directory: command === 'apply' ? 'monitors' : (parsed.positionals[0] ?? 'monitors'),
    ...(command === 'apply' ? { planFile: parsed.positionals[0] } : {}),
    dryRun: command === 'plan' || flag('dry-run'),
    region: str('region'),
    profile: str('profile'),
    endpointUrl: str('endpoint-url') ?? process.env.AWS_ENDPOINT_URL,
    format: oneOf<CliOptions['format']>('format', str('format'), formatsOf(command)) ?? 'text',
    out: str('out'),
    save: str('save'),
    detailedExitcode: flag('detailed-exitcode'),
    stats: flag('stats'),
    allowMassDelete: flag('allow-mass-delete'),
    noAdopt: flag('no-adopt'),
    noBacktest: flag('no-backtest'),
    noLiveChecks: flag('no-live-checks'),
    checkAll: flag('check-all'),
    maxDeleteShare: share,
    tagSource: oneOf('tag-source', str('tag-source'), ['tagging-api', 'per-resource'] as const),
    yes: flag('yes'),
    mode: mode ?? 'plan',
    accountId,
    quotas,
    lockTimeoutSeconds: lockTimeout ?? 0,
    lockTtlSeconds: lockTtl,
    ...(settle !== undefined ? { settleSeconds: checkSettleSeconds(settle, `--settle "${str('settle') ?? ''}"`) } : {}),
    requestTimeoutSeconds,
    importSelection: {
      all: flag('all'),
      logGroupPrefixes: parsed.list('log-group-prefix'),
      alarmPrefixes: parsed.list('alarm-prefix'),
      topics: parsed.list('topic'),
    },
    ...(str('openslo') !== undefined || str('sloth') !== undefined
      ? {
          importSloFile:
            str('openslo') !== undefined
              ? { format: 'openslo' as const, file: str('openslo') as string }
              : { format: 'sloth' as const, file: str('sloth') as string },
        }
      : {}),
    scaffoldSlos: flag('scaffold-slos'),
    stackName: str('stack'),
    force: flag('force'),
    ...(str('target') !== undefined ? { target: str('target') } : {}),
    help: false,
  };
}
