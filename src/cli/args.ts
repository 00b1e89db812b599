import { parseArgs } from 'util';
import { MonitorsError } from '../model';
import { DEFAULT_QUOTAS } from '../apply/rate-limiter';
import { didYouMean } from '../config/suggest';
import { excerpt } from '../model/visible';
import { durationSeconds } from '../config/forms';
import { parseRequestTimeout } from '../aws/timeouts';

/** The commands the CLI knows. */
export type CommandName =
  'validate' | 'plan' | 'reconcile' | 'apply' | 'iam-policy' | 'force-unlock' | 'test' | 'import';

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
  /** import: what to read. */
  readonly importSelection: {
    readonly all: boolean;
    readonly logGroupPrefixes: readonly string[];
    readonly alarmPrefixes: readonly string[];
    readonly topics: readonly string[];
  };
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

/** One flag: its parseArgs type, and the line its commands' help shows. */
interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's placeholder in help ("R" in "--region R"); none for booleans. */
  readonly arg?: string;
  readonly help: string;
}

/**
 * Every flag any command takes; each command names the ones it accepts in COMMAND_OPTIONS, and its
 * help is generated from both. A new flag: an entry here, its name in COMMAND_OPTIONS of each command
 * that takes it, and its value read in parseCliArgs. A new command: CommandName, COMMAND_TEXT,
 * COMMAND_OPTIONS, FORMATS and the main help's list.
 */
const OPTIONS = {
  region: { type: 'string', arg: 'R', help: "AWS region; must agree with the stack's region when it sets one" },
  profile: { type: 'string', arg: 'P', help: 'AWS shared-config profile' },
  'endpoint-url': { type: 'string', arg: 'URL', help: 'Custom AWS endpoint (e.g. a local emulator)' },
  format: { type: 'string', arg: 'F', help: 'Output format' },
  out: { type: 'string', arg: 'FILE', help: 'Also write the rendered plan to FILE' },
  save: {
    type: 'string',
    arg: 'FILE',
    help: 'Also save the plan to FILE (mode 0600, no secrets) for "monitors apply FILE"',
  },
  'detailed-exitcode': { type: 'boolean', help: 'Exit 0 no changes, 1 error, 2 changes' },
  stats: { type: 'boolean', help: 'Print AWS API calls by operation' },
  'allow-mass-delete': { type: 'boolean', help: 'Lift the guards against deleting all / most owned resources' },
  'max-delete-share': { type: 'string', arg: 'X', help: 'Share of owned resources a plan may delete (default 0.5)' },
  'no-adopt': { type: 'boolean', help: 'Do not take over declared resources that exist unowned' },
  'no-backtest': { type: 'boolean', help: 'Skip replaying 14 days of history through created or changed alarms' },
  'tag-source': {
    type: 'string',
    arg: 'S',
    help: 'tagging-api (default on AWS) | per-resource (default with --endpoint-url)',
  },
  quota: {
    type: 'string',
    multiple: true,
    arg: 'OP=N',
    help: "An AWS quota in requests/s where yours is not AWS's default, e.g. cloudwatch:PutMetricAlarm=10 (repeatable)",
  },
  'request-timeout': {
    type: 'string',
    arg: 'S',
    help: 'Seconds one attempt of an AWS call may take (default 30; 3 attempts per call)',
  },
  'dry-run': { type: 'boolean', help: 'Plan only (same as monitors plan)' },
  yes: { type: 'boolean', short: 'y', help: 'Do it without asking (required when stdin is not a terminal)' },
  'lock-timeout': {
    type: 'string',
    arg: 'D',
    help: 'Wait up to D (e.g. 5m) for another apply of the stack to finish (default 0s)',
  },
  'lock-ttl': { type: 'string', arg: 'D', help: 'A lock older than D is taken over as abandoned (default 30m)' },
  mode: { type: 'string', arg: 'M', help: 'plan | apply: which role the policy is for (required)' },
  'account-id': {
    type: 'string',
    arg: 'ID',
    help: 'The 12-digit account the role lives in, to scope every ARN to it (default: any account)',
  },
  'log-group-prefix': {
    type: 'string',
    multiple: true,
    arg: 'P',
    help: 'Import log groups whose name starts with P, with their metric filters (repeatable)',
  },
  'alarm-prefix': {
    type: 'string',
    multiple: true,
    arg: 'P',
    help: 'Import metric and composite alarms whose name starts with P (repeatable)',
  },
  topic: {
    type: 'string',
    multiple: true,
    arg: 'NAME',
    help: 'Import this SNS topic and its subscriptions (repeatable)',
  },
  all: { type: 'boolean', help: 'Import every log group, metric filter, alarm and topic in the region' },
  stack: { type: 'string', arg: 'NAME', help: 'The stack the written files declare (default imported)' },
  force: { type: 'boolean', help: 'Overwrite files of the same name in the output directory' },
  target: {
    type: 'string',
    arg: 'T',
    help: 'In a stack with targets: the target whose lock to remove, as alias/region (e.g. prod/us-east-1)',
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} as const satisfies Record<string, OptionSpec>;

type OptionName = keyof typeof OPTIONS;

const PLAN_OPTIONS: readonly OptionName[] = [
  'region',
  'profile',
  'endpoint-url',
  'format',
  'out',
  'detailed-exitcode',
  'stats',
  'allow-mass-delete',
  'max-delete-share',
  'no-adopt',
  'no-backtest',
  'tag-source',
  'request-timeout',
  'quota',
  'help',
];

/** Which flags each command accepts: anything else is a usage error naming these. */
const COMMAND_OPTIONS: Readonly<Record<CommandName, readonly OptionName[]>> = {
  validate: ['format', 'help'],
  plan: [...PLAN_OPTIONS.filter((o) => o !== 'help'), 'save', 'help'],
  reconcile: ['dry-run', 'yes', ...PLAN_OPTIONS.filter((o) => o !== 'help'), 'lock-timeout', 'lock-ttl', 'help'],
  apply: ['profile', 'endpoint-url', 'format', 'quota', 'request-timeout', 'lock-timeout', 'lock-ttl', 'help'],
  'iam-policy': ['mode', 'account-id', 'region', 'help'],
  'force-unlock': ['yes', 'region', 'profile', 'endpoint-url', 'target', 'help'],
  test: ['format', 'help'],
  import: [
    'out',
    'log-group-prefix',
    'alarm-prefix',
    'topic',
    'all',
    'stack',
    'force',
    'region',
    'profile',
    'endpoint-url',
    'tag-source',
    'request-timeout',
    'stats',
    'help',
  ],
};

/** What each command's help says above its options. */
const COMMAND_TEXT: Readonly<Record<CommandName, { readonly usage: string; readonly about: string }>> = {
  validate: {
    usage: 'monitors validate [options] [dir]',
    about: `Validates every *.yaml / *.yml file under dir (default ./monitors) against schema/monitors.schema.json
and checks meaning across files. Prints each problem as file:line:column (--format json: one JSON
object). An unset \${env:NAME} is a warning here. Makes no AWS call.
Exit codes: 0 valid (warnings allowed), 1 errors found.`,
  },
  plan: {
    usage: 'monitors plan [options] [dir]        (alias of: monitors reconcile --dry-run)',
    about: 'Reads live AWS state and shows what reconcile would change. Never writes to AWS.',
  },
  reconcile: {
    usage: 'monitors reconcile [options] [dir]',
    about: `Computes a fresh plan, prints it, asks for confirmation on a terminal, and applies it, printing
what it did per resource (action, resource, ARN, duration; --format json for a JSON report).
Exit codes: 0 success, 1 error or a failed change, 2 (with --detailed-exitcode and --dry-run) changes.`,
  },
  apply: {
    usage: 'monitors apply [options] FILE',
    about: `Applies a plan saved with "monitors plan --save FILE": exactly its changes, without asking (it was
reviewed when it was made). Refused, with nothing applied, when the plan's files or \${env:} values,
or the live state of any resource it read, changed since; when it is for another stack, account or
region; when it was made by another version of monitors; or when the file was edited.
Exit codes: 0 applied (or nothing to do), 1 refused, an error or a failed change.`,
  },
  'iam-policy': {
    usage: 'monitors iam-policy --mode plan|apply [--account-id ID] [dir]',
    about: `Prints the least-privilege IAM policy JSON for the role that plans (read-only) or applies.
Writes are tied to the stack's monitors:stack tag, and log-group and topic calls to the names
declared in dir. --account-id scopes every ARN to that account (without it: any account).
Re-print and re-attach the apply policy when you declare a new log group or topic.
An unset \${env:NAME} is a warning here.`,
  },
  'force-unlock': {
    usage: 'monitors force-unlock [options] [dir]',
    about: `Removes the stack's apply lock (the SSM parameter /monitors/<stack>/lock in its region) left by an apply
that crashed or was killed. Shows who holds it and asks first; --yes removes it without asking.
Only do this when that apply is no longer running.`,
  },
  test: {
    usage: 'monitors test [options] [dir]',
    about: `Runs the rule tests in dir/tests/*.yaml (default dir: ./monitors) offline: sample log lines go through the
stack's own metric filters, the alarms are simulated with CloudWatch's evaluation rules, and each test's
expected matches, metric values, alarm states and notifications are compared with what happened.
Files under dir/tests are rule tests, never monitors files. No AWS call.
Exit codes: 0 every test passed, 1 a test failed, a file is invalid, or there is no test.`,
  },
  import: {
    usage:
      'monitors import [--out DIR] [--force] (--log-group-prefix P | --alarm-prefix P | --topic NAME | --all) [options]',
    about: `Reads the selected log groups, metric filters, alarms and topics (made in the console or by another
tool) and writes them as monitors files in DIR (default ./monitors): one file per log group with its
filters and the alarms on their metrics, topics with their subscriptions in one, other alarms by
namespace. Web hook URLs become \${env:NAME} references (listed, and in DIR/.env.example, without
values). Anything it cannot write is left out and named with the reason. Only reads AWS; the first
plan of the written files adopts what was read (adds the ownership tag) and changes no field.
Exit codes: 0 files written, 1 error (nothing written).`,
  },
};

const COMMANDS = Object.keys(COMMAND_TEXT) as CommandName[];
/** Every command word, with the two that src/cli/run.ts dispatches before this parser. */
const KNOWN: readonly string[] = [...COMMANDS, 'init', 'roles-template', 'match', 'backtest', 'packs'];

/** The --format values each command that takes --format accepts; the first is the default. */
const FORMATS = {
  validate: ['text', 'json'],
  plan: ['text', 'markdown', 'json'],
  reconcile: ['text', 'markdown', 'json'],
  apply: ['text', 'json'],
  'iam-policy': [],
  'force-unlock': [],
  test: ['text', 'json'],
  import: [],
} as const satisfies Record<CommandName, readonly CliOptions['format'][]>;

function optionLine(command: CommandName, name: OptionName): string {
  const spec: OptionSpec = OPTIONS[name];
  const flag = `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.arg ? ` ${spec.arg}` : ''}`;
  const help =
    name === 'format'
      ? `${FORMATS[command].join(' | ')} (default ${FORMATS[command][0]})`
      : name === 'out' && command === 'import'
        ? 'Directory to write the files to (default ./monitors; created if missing)'
        : spec.help;
  return `  ${(name === 'out' && command === 'import' ? '--out DIR' : flag).padEnd(24)}${help}`;
}

function commandHelp(command: CommandName): string {
  const { usage, about } = COMMAND_TEXT[command];
  const options = COMMAND_OPTIONS[command].map((name) => optionLine(command, name));
  return [`Usage: ${usage}`, '', about, '', 'Options:', ...options].join('\n');
}

/** The help text of each command, generated from the option table; `monitors <command> --help` prints it. */
export const HELP: Readonly<Record<CommandName | 'main', string>> = {
  main: `monitors: monitoring-as-code for AWS CloudWatch

Usage: monitors <command> [options] [directory]
       monitors --version

Commands:
  validate [dir]         Check monitors files (schema, references, patterns, limits). No AWS calls.
  plan [dir]             Show what reconcile would change (same as reconcile --dry-run).
  reconcile [dir]        Plan, confirm, and apply. --dry-run to plan only.
  apply FILE             Apply a plan saved with plan --save FILE, if nothing changed since.
  iam-policy --mode M    Print the least-privilege IAM policy for the plan or apply role.
  test [dir]             Run the rule tests in dir/tests offline: log lines → filters → alarms → notifications.
  init [dir]             Write a starter stack and the three workflows into this repository.
  roles-template [dir]   Print a CloudFormation template: GitHub OIDC provider, plan and apply roles.
  force-unlock [dir]     Remove the apply lock a crashed run left (asks first; --yes to skip).
  import --all           Write the region's console-made log groups, filters, alarms and topics as YAML.
  backtest [dir]         Replay two weeks of metric history through each alarm, new and live definitions.
  match 'PATTERN' [file] Show which log lines a filter pattern matches and the value each emits. Offline.
  packs [SERVICE]        List the alarm packs (AWS's recommended alarms per service), or one in full. Offline.

Run "monitors <command> --help" for a command's options. The directory defaults to ./monitors.`,
  ...(Object.fromEntries(COMMANDS.map((c) => [c, commandHelp(c)])) as Record<CommandName, string>),
};

function oneOf<T extends string>(flag: string, value: string | undefined, allowed: readonly T[]): T | undefined {
  if (value === undefined) return undefined;
  if ((allowed as readonly string[]).includes(value)) return value as T;
  throw new MonitorsError('USAGE', `--${flag} "${value}" is not valid: expected one of ${allowed.join(', ')}`);
}

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

/** The flag an argv word names ("--yes", "--region=x", "-y"), when it is one of the table's. */
function flagName(word: string): OptionName | undefined {
  const long = /^--([^=]+)/.exec(word)?.[1];
  if (long !== undefined) return long in OPTIONS ? (long as OptionName) : undefined;
  const short = /^-([A-Za-z])$/.exec(word)?.[1];
  if (short === undefined) return undefined;
  return (Object.keys(OPTIONS) as OptionName[]).find((n) => (OPTIONS[n] as OptionSpec).short === short);
}

/** A known flag given to a command that does not take it: a usage error listing what it takes. */
function rejectForeignFlags(command: CommandName, args: readonly string[]): void {
  const accepted = COMMAND_OPTIONS[command];
  for (const word of args) {
    if (word === '--') return;
    const name = flagName(word);
    if (name !== undefined && !accepted.includes(name)) {
      throw new MonitorsError(
        'USAGE',
        `monitors ${command} does not take --${name}; its options are: ${accepted.map((o) => `--${o}`).join(', ')}`,
      );
    }
  }
}

/** Parses argv (without node and script) into CliOptions; throws MonitorsError USAGE on bad input. */
export function parseCliArgs(argv: readonly string[]): CliOptions | InfoRequest {
  const [first, ...rest] = argv;
  if (first === undefined || first === '--help' || first === '-h' || first === 'help') return { help: true };
  if (first === '--version' || first === '-v' || first === 'version') return { version: true };
  if (!(COMMANDS as readonly string[]).includes(first)) {
    throw new MonitorsError(
      'USAGE',
      `unknown command "${first}"${didYouMean(first, KNOWN)}: expected one of ${KNOWN.join(', ')}`,
    );
  }
  const command = first as CommandName;
  rejectForeignFlags(command, rest);
  let parsed;
  try {
    parsed = parseArgs({
      args: [...rest],
      allowPositionals: true,
      strict: true,
      options: Object.fromEntries(COMMAND_OPTIONS[command].map((n) => [n, OPTIONS[n]])),
    });
  } catch (err) {
    throw new MonitorsError('USAGE', `${(err as Error).message}. Run "monitors ${command} --help".`);
  }
  // Only this command's flags were parsed, so absent ones read as undefined.
  const v = parsed.values as Partial<Record<OptionName, string | boolean | string[]>>;
  const str = (n: OptionName) => v[n] as string | undefined;
  const flag = (n: OptionName) => v[n] === true;
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
  const quotas = parseQuotas((v.quota as string[] | undefined) ?? []);
  const requestTimeoutSeconds = parseRequestTimeout(str('request-timeout'));
  const lockTimeout = seconds('lock-timeout', str('lock-timeout'), 0);
  const lockTtl = seconds('lock-ttl', str('lock-ttl'), undefined);
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
    format: oneOf<CliOptions['format']>('format', str('format'), FORMATS[command]) ?? 'text',
    out: str('out'),
    save: str('save'),
    detailedExitcode: flag('detailed-exitcode'),
    stats: flag('stats'),
    allowMassDelete: flag('allow-mass-delete'),
    noAdopt: flag('no-adopt'),
    noBacktest: flag('no-backtest'),
    maxDeleteShare: share,
    tagSource: oneOf('tag-source', str('tag-source'), ['tagging-api', 'per-resource'] as const),
    yes: flag('yes'),
    mode: mode ?? 'plan',
    accountId,
    quotas,
    lockTimeoutSeconds: lockTimeout ?? 0,
    lockTtlSeconds: lockTtl,
    requestTimeoutSeconds,
    importSelection: {
      all: flag('all'),
      logGroupPrefixes: (v['log-group-prefix'] as string[] | undefined) ?? [],
      alarmPrefixes: (v['alarm-prefix'] as string[] | undefined) ?? [],
      topics: (v.topic as string[] | undefined) ?? [],
    },
    stackName: str('stack'),
    force: flag('force'),
    ...(str('target') !== undefined ? { target: str('target') } : {}),
    help: false,
  };
}
