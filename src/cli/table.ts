/**
 * The option table: every command, every flag each takes, what each says in help, and each command's
 * exit codes. Help (`monitors <command> --help`), the parsers (src/cli/command-line.ts) and the
 * generated reference (docs/cli.md, scripts/gen-docs.ts) all read it, so none of them can drift.
 */
import { DEFAULT_LIMITS } from '../backtest/types';

/** The commands parsed by the shared parser (src/cli/args.ts) into CliOptions. */
export type CommandName =
  'validate' | 'plan' | 'reconcile' | 'apply' | 'iam-policy' | 'force-unlock' | 'test' | 'import';

/** Every command word, with those that parse their own arguments (from this table too). */
export type AnyCommand = CommandName | 'init' | 'roles-template' | 'match' | 'backtest' | 'emulator' | 'packs';

/** One flag: its parseArgs type, and the line its commands' help shows. */
export interface OptionSpec {
  readonly type: 'string' | 'boolean';
  readonly short?: string;
  readonly multiple?: boolean;
  /** The value's placeholder in help ("R" in "--region R"); none for booleans. */
  readonly arg?: string;
  readonly help: string;
  /** The value when the flag is not given, as the reference (docs/cli.md) shows it. */
  readonly default?: string;
}

/**
 * Every flag any command takes; each command names the ones it accepts in COMMAND_OPTIONS. A flag
 * that means something else in one command gets that command's line in OPTION_HELP. A new flag: an
 * entry here, its name in COMMAND_OPTIONS of each command that takes it, and its value read by the
 * command's parser. A new command: AnyCommand, COMMAND_TEXT, COMMAND_OPTIONS and FORMATS.
 */
export const OPTIONS = {
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
  'max-delete-share': {
    type: 'string',
    arg: 'X',
    default: '0.5',
    help: 'Share of owned resources a plan may delete (default 0.5)',
  },
  'no-adopt': { type: 'boolean', help: 'Do not take over declared resources that exist unowned' },
  'no-backtest': { type: 'boolean', help: 'Skip replaying 14 days of history through created or changed alarms' },
  'no-live-checks': {
    type: 'boolean',
    help: 'Skip checking that the series alarms read exist and have data, and sampling filters (docs/live-checks.md)',
  },
  'check-all': { type: 'boolean', help: 'Live-check every alarm and filter, not only the created or changed ones' },
  settle: {
    type: 'string',
    arg: 'D',
    help: 'Mute new and changed alarms (a one-time mute rule, at most D, 1m-15d) until they have evaluated once',
  },
  debug: { type: 'boolean', help: 'On an error, also print the stack trace and the error AWS gave (for a bug report)' },
  'tag-source': {
    type: 'string',
    default: 'tagging-api on AWS, per-resource with --endpoint-url',
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
    default: '30',
    arg: 'S',
    help: 'Seconds one attempt of an AWS call may take (default 30; 3 attempts per call)',
  },
  'dry-run': { type: 'boolean', help: 'Plan only (same as monitors plan)' },
  yes: { type: 'boolean', short: 'y', help: 'Do it without asking (required when stdin is not a terminal)' },
  'lock-timeout': {
    type: 'string',
    default: '0s',
    arg: 'D',
    help: 'Wait up to D (e.g. 5m) for another apply of the stack to finish (default 0s)',
  },
  'lock-ttl': {
    type: 'string',
    default: '30m',
    arg: 'D',
    help: 'A lock older than D is taken over as abandoned (default 30m)',
  },
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
  stack: {
    type: 'string',
    default: 'imported',
    arg: 'NAME',
    help: 'The stack the written files declare (default imported)',
  },
  force: { type: 'boolean', help: 'Overwrite files of the same name in the output directory' },
  'scaffold-slos': {
    type: 'boolean',
    help: "Print starter tests for the stack's SLOs (a fast burn pages, a slow burn tickets, half the budget is silent) instead of running tests",
  },
  openslo: {
    type: 'string',
    arg: 'FILE',
    help: 'Convert the OpenSLO v1 SLOs of FILE (CloudWatch metric sources) into DIR/slos.yaml; no AWS call',
  },
  sloth: {
    type: 'string',
    arg: 'FILE',
    help: 'Convert the Sloth spec FILE (queries written as CloudWatch metrics) into DIR/slos.yaml; no AWS call',
  },
  port: { type: 'string', default: '4566', arg: 'N', help: 'Port to listen on (default 4566)' },
  'cache-dir': {
    type: 'string',
    default: '$XDG_CACHE_HOME/monitors or ~/.cache/monitors',
    arg: 'DIR',
    help: 'Where the virtualenv goes (default $XDG_CACHE_HOME/monitors or ~/.cache/monitors)',
  },
  'install-only': { type: 'boolean', help: "Install (if needed), print the emulator's path, and exit" },
  target: {
    type: 'string',
    arg: 'T',
    help: 'In a stack with targets: the target whose lock to remove, as alias/region (e.g. prod/us-east-1)',
  },
  'log-group': {
    type: 'string',
    default: '/<stack>/app',
    arg: 'NAME',
    help: 'The log group to watch (default /<stack>/app)',
  },
  email: {
    type: 'string',
    default: 'oncall@example.com',
    arg: 'ADDR',
    help: 'Who the alarm e-mails (default oncall@example.com: change it)',
  },
  value: {
    type: 'string',
    default: '1',
    arg: 'V',
    help: 'Metric value: 1 (default), a number, $.field (JSON) or $name / $N (space-delimited)',
  },
  default: { type: 'string', arg: 'N', help: 'Default value emitted by lines that do not match' },
  aws: {
    type: 'boolean',
    help: 'Also run AWS TestMetricFilter on the same lines (50 per call) and report disagreements',
  },
  since: {
    type: 'string',
    default: '14d',
    arg: 'D',
    help: "How far back: 90m, 36h, 14d (default 14d; cut to CloudWatch's retention)",
  },
  only: { type: 'string', arg: 'NAME', help: 'Only the alarm with this name' },
  'max-metrics': {
    type: 'string',
    default: String(DEFAULT_LIMITS.maxMetrics),
    arg: 'N',
    help: `Stop before requesting more than N metrics (default ${DEFAULT_LIMITS.maxMetrics})`,
  },
  'max-log-bytes': {
    type: 'string',
    default: String(DEFAULT_LIMITS.maxLogBytes),
    arg: 'N',
    help: `Stop reading log events after N bytes (default ${DEFAULT_LIMITS.maxLogBytes})`,
  },
  'max-log-events': {
    type: 'string',
    default: String(DEFAULT_LIMITS.maxLogEvents),
    arg: 'N',
    help: `Read at most N events per log group; the window is cut there (default ${DEFAULT_LIMITS.maxLogEvents})`,
  },
  help: { type: 'boolean', short: 'h', help: 'Show this help' },
} as const satisfies Record<string, OptionSpec>;

export type OptionName = keyof typeof OPTIONS;

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
  'no-live-checks',
  'check-all',
  'tag-source',
  'request-timeout',
  'quota',
  'debug',
];

/** Which flags each command accepts: anything else is a usage error naming these. */
export const COMMAND_OPTIONS: Readonly<Record<AnyCommand, readonly OptionName[]>> = {
  validate: ['format', 'help'],
  plan: [...PLAN_OPTIONS, 'save', 'help'],
  reconcile: ['dry-run', 'yes', ...PLAN_OPTIONS, 'lock-timeout', 'lock-ttl', 'settle', 'help'],
  apply: [
    'profile',
    'endpoint-url',
    'format',
    'quota',
    'request-timeout',
    'lock-timeout',
    'lock-ttl',
    'settle',
    'debug',
    'help',
  ],
  'iam-policy': ['mode', 'account-id', 'region', 'help'],
  'force-unlock': ['yes', 'region', 'profile', 'endpoint-url', 'target', 'help'],
  test: ['format', 'scaffold-slos', 'help'],
  import: [
    'out',
    'log-group-prefix',
    'alarm-prefix',
    'topic',
    'all',
    'openslo',
    'sloth',
    'stack',
    'force',
    'region',
    'profile',
    'endpoint-url',
    'tag-source',
    'request-timeout',
    'stats',
    'debug',
    'help',
  ],
  init: ['log-group', 'email', 'stack', 'region', 'help'],
  'roles-template': ['help'],
  match: ['value', 'default', 'format', 'aws', 'region', 'profile', 'endpoint-url', 'help'],
  backtest: [
    'since',
    'only',
    'format',
    'max-metrics',
    'max-log-bytes',
    'max-log-events',
    'region',
    'profile',
    'endpoint-url',
    'request-timeout',
    'help',
  ],
  emulator: ['port', 'cache-dir', 'install-only', 'help'],
  packs: ['help'],
};

/** Where a flag means something particular to one command, that command's help line for it. */
const OPTION_HELP: Partial<
  Record<AnyCommand, Partial<Record<OptionName, { flag?: string; help: string; default?: string }>>>
> = {
  import: {
    out: {
      flag: '--out DIR',
      help: 'Directory to write the files to (default ./monitors; created if missing)',
      default: './monitors',
    },
  },
  init: {
    stack: { help: "The stack's name (default: this directory's name)", default: "this directory's name" },
    region: { help: 'The AWS region (default: AWS_REGION, else us-east-1)', default: 'AWS_REGION, else us-east-1' },
  },
  match: {
    region: { help: 'Where --aws calls AWS' },
    profile: { help: 'The profile --aws uses' },
    'endpoint-url': { help: 'The endpoint --aws calls' },
  },
};

/** The --format values each command that takes --format accepts; the first is the default. */
export const FORMATS = {
  validate: ['text', 'json'],
  plan: ['text', 'markdown', 'json'],
  reconcile: ['text', 'markdown', 'json'],
  apply: ['text', 'json'],
  test: ['text', 'json'],
  match: ['text', 'json'],
  backtest: ['text', 'markdown', 'json'],
} as const satisfies Partial<Record<AnyCommand, readonly string[]>>;

/** What each command's help says: usage, what it does, and its exit codes. */
export interface CommandText {
  readonly usage: string;
  /** One line for the main help's command list. */
  readonly summary: string;
  readonly about: string;
  readonly exitCodes: readonly (readonly [code: number, meaning: string])[];
}

export const COMMAND_TEXT: Readonly<Record<AnyCommand, CommandText>> = {
  validate: {
    usage: 'monitors validate [options] [dir]',
    summary: 'Check monitors files (schema, references, patterns, limits). No AWS calls.',
    about: `Validates every *.yaml / *.yml file under dir (default ./monitors) against schema/monitors.schema.json
and checks meaning across files. Prints each problem as file:line:column, sorted by file and line
(--format json: one JSON object). An unset \${env:NAME} is a warning here. Makes no AWS call.`,
    exitCodes: [
      [0, 'valid (warnings allowed)'],
      [1, 'errors found'],
    ],
  },
  plan: {
    usage: 'monitors plan [options] [dir]        (alias of: monitors reconcile --dry-run)',
    summary: 'Show what reconcile would change (same as reconcile --dry-run).',
    about: 'Reads live AWS state and shows what reconcile would change. Never writes to AWS.',
    exitCodes: [
      [0, 'success (with --detailed-exitcode: no changes)'],
      [1, 'error'],
      [2, 'with --detailed-exitcode: the plan has changes'],
    ],
  },
  reconcile: {
    usage: 'monitors reconcile [options] [dir]',
    summary: 'Plan, confirm, and apply. --dry-run to plan only.',
    about: `Computes a fresh plan, prints it, asks for confirmation on a terminal, and applies it, printing
what it did per resource (action, resource, ARN, duration; --format json for a JSON report).`,
    exitCodes: [
      [0, 'success'],
      [1, 'error or a failed change'],
      [2, 'with --detailed-exitcode and --dry-run: the plan has changes'],
    ],
  },
  apply: {
    usage: 'monitors apply [options] FILE',
    summary: 'Apply a plan saved with plan --save FILE, if nothing changed since.',
    about: `Applies a plan saved with "monitors plan --save FILE": exactly its changes, without asking (it was
reviewed when it was made). Refused, with nothing applied, when the plan's files or \${env:} values,
or the live state of any resource it read, changed since; when it is for another stack, account or
region; when it was made by another version of monitors; or when the file was edited.`,
    exitCodes: [
      [0, 'applied (or nothing to do)'],
      [1, 'refused, an error or a failed change'],
    ],
  },
  'iam-policy': {
    usage: 'monitors iam-policy --mode plan|apply [--account-id ID] [dir]',
    summary: 'Print the least-privilege IAM policy for the plan or apply role.',
    about: `Prints the least-privilege IAM policy JSON for the role that plans (read-only) or applies.
Writes are tied to the stack's monitors:stack tag, and log-group and topic calls to the names
declared in dir. --account-id scopes every ARN to that account (without it: any account).
Re-print and re-attach the apply policy when you declare a new log group or topic.
An unset \${env:NAME} is a warning here. Makes no AWS call.`,
    exitCodes: [
      [0, 'printed'],
      [1, 'invalid files or options'],
    ],
  },
  'force-unlock': {
    usage: 'monitors force-unlock [options] [dir]',
    summary: 'Remove the apply lock a crashed run left (asks first; --yes to skip).',
    about: `Removes the stack's apply lock (the SSM parameter /monitors/<stack>/lock in its region) left by an apply
that crashed or was killed. Shows who holds it and asks first; --yes removes it without asking.
Only do this when that apply is no longer running.`,
    exitCodes: [
      [0, 'removed, or no lock was held'],
      [1, 'kept (not confirmed), or an error'],
    ],
  },
  test: {
    usage: 'monitors test [options] [dir]',
    summary: 'Run the rule tests in dir/tests offline: log lines → filters → alarms → notifications.',
    about: `Runs the rule tests in dir/tests/*.yaml (default dir: ./monitors) offline: sample log lines go through the
stack's own metric filters, the alarms are simulated with CloudWatch's evaluation rules, and each test's
expected matches, metric values, alarm states and notifications are compared with what happened.
Files under dir/tests are rule tests, never monitors files. No AWS call.`,
    exitCodes: [
      [0, 'every test passed'],
      [1, 'a test failed, a file is invalid, or there is no test'],
    ],
  },
  import: {
    usage:
      'monitors import [--out DIR] [--force] (--log-group-prefix P | --alarm-prefix P | --topic NAME | --all) [options]',
    summary: "Write the region's console-made log groups, filters, alarms and topics as YAML.",
    about: `Reads the selected log groups, metric filters, alarms and topics (made in the console or by another
tool) and writes them as monitors files in DIR (default ./monitors): one file per log group with its
filters and the alarms on their metrics, topics with their subscriptions in one, other alarms by
namespace. Web hook URLs become \${env:NAME} references (listed, and in DIR/.env.example, without
values). Anything it cannot write is left out and named with the reason. Only reads AWS; the first
plan of the written files adopts what was read (adds the ownership tag) and changes no field.
With --openslo FILE or --sloth FILE it reads no AWS: it converts the file's SLOs into DIR/slos.yaml
(docs/slos.md), naming each SLO it cannot map and why.`,
    exitCodes: [
      [0, 'files written'],
      [1, 'error (nothing written)'],
    ],
  },
  init: {
    usage: 'monitors init [options] [dir]',
    summary: 'Write a starter stack and the three workflows into this repository.',
    about: `Writes a starter stack into dir (default ./monitors): a log group, a metric filter counting lines with
ERROR, an alarm at 2 or more a minute, and an SNS topic that e-mails on-call; and the three workflows
(.github/workflows/monitors-plan.yml, -apply.yml, -drift.yml) using the released action. Run it at the
root of your repository. It never overwrites: if any of those files exists, it writes nothing.`,
    exitCodes: [
      [0, 'written'],
      [1, 'a file exists (nothing written) or bad options'],
    ],
  },
  'roles-template': {
    usage: 'monitors roles-template [options] [dir]',
    summary: 'Print a CloudFormation template: GitHub OIDC provider, plan and apply roles.',
    about: `Prints a CloudFormation template (YAML) for the stack in dir (default ./monitors): the GitHub OIDC
provider (optional), the plan role and the apply role, each with the policy of "monitors iam-policy"
and the trust conditions (pull requests and the default branch → plan; the "monitors" environment →
apply). Deploy it with "aws cloudformation deploy" (see the header it prints). Makes no AWS call.`,
    exitCodes: [
      [0, 'printed'],
      [1, 'invalid files or options'],
    ],
  },
  match: {
    usage: "monitors match 'PATTERN' [FILE|-] [options]",
    summary: 'Show which log lines a filter pattern matches and the value each emits. Offline.',
    about: `Runs a CloudWatch Logs filter pattern over each line of FILE (or standard input, "-" or no FILE)
and prints which lines match and the metric value each emits (--format json: one object per line:
line, message, matches, value, fields). No AWS call unless --aws.
A pattern that starts with "-" (an exclusion) goes after "--": monitors match -- '-DEBUG' app.log`,
    exitCodes: [
      [0, 'done (and, with --aws, AWS agreed)'],
      [1, 'invalid pattern, bad input, or a disagreement with AWS'],
    ],
  },
  backtest: {
    usage: 'monitors backtest [options] [dir]',
    summary: 'Replay two weeks of metric history through each alarm, new and live definitions.',
    about: `Replays the last two weeks of each declared metric alarm's metric through CloudWatch's evaluation rules,
with the definition in dir and the one live in AWS, and prints how often each would have fired.
Alarms over new or changed metric filters are replayed from the log group's recent events instead.
Reads only: GetMetricData and FilterLogEvents (plus what a plan reads).
Cost: GetMetricData is billed per metric requested; the report states metrics, calls and log bytes.`,
    exitCodes: [
      [0, 'replayed (or no metric alarm to replay)'],
      [1, 'error, or a budget (--max-*) stopped the replay'],
    ],
  },
  emulator: {
    usage: 'monitors emulator [options]',
    summary: 'Run the pinned local AWS emulator on 127.0.0.1 to try plan and apply (needs python3).',
    about: `Runs the local AWS emulator monitors is tested against (ministack, pinned version) on 127.0.0.1, so
plan and apply can be tried without an AWS account. The first run installs it with python3 (3.10 or
newer) into a virtualenv under the cache directory; later runs start at once. Ctrl-C stops it; its
state lives in memory only.`,
    exitCodes: [
      [0, 'stopped or installed'],
      [1, 'error (python3 missing, install failed, port taken)'],
    ],
  },
  packs: {
    usage: 'monitors packs [SERVICE]',
    summary: "List the alarm packs (AWS's recommended alarms per service), or one in full. Offline.",
    about: `Lists the services that have an alarm pack (AWS's recommended alarms, from the CloudWatch user guide's
"Recommended alarms"), and with SERVICE each recommendation in full: metric, statistic, threshold (AWS's
number, a rule read from each resource, or none: then the pack needs yours), period, datapoints,
missing-data treatment and source. Use them in a monitors file under packs: (docs/packs.md). No AWS call.`,
    exitCodes: [
      [0, 'listed'],
      [1, 'unknown service or bad options'],
    ],
  },
};

/** The order commands are listed in, in the main help and the reference. */
export const ALL_COMMANDS: readonly AnyCommand[] = [
  'validate',
  'plan',
  'reconcile',
  'apply',
  'iam-policy',
  'test',
  'init',
  'roles-template',
  'force-unlock',
  'import',
  'backtest',
  'match',
  'emulator',
  'packs',
];

/** One option as help and the reference show it. */
export interface OptionRow {
  readonly flag: string;
  readonly help: string;
  readonly default?: string;
}

/** The options of one command, as help and the generated reference show them. */
export function optionRows(command: AnyCommand): OptionRow[] {
  return COMMAND_OPTIONS[command].map((name) => {
    const spec: OptionSpec = OPTIONS[name];
    const override = OPTION_HELP[command]?.[name];
    const formats: readonly string[] | undefined = (FORMATS as Partial<Record<AnyCommand, readonly string[]>>)[command];
    const flag = override?.flag ?? `${spec.short ? `-${spec.short}, ` : ''}--${name}${spec.arg ? ` ${spec.arg}` : ''}`;
    const help =
      override?.help ?? (name === 'format' && formats ? `${formats.join(' | ')} (default ${formats[0]})` : spec.help);
    const fallback = override ? override.default : name === 'format' ? formats?.[0] : spec.default;
    return { flag, help, ...(fallback !== undefined ? { default: fallback } : {}) };
  });
}

/** `monitors <command> --help`: usage, what it does, its options and its exit codes. */
export function commandHelp(command: AnyCommand): string {
  const { usage, about, exitCodes } = COMMAND_TEXT[command];
  return [
    `Usage: ${usage}`,
    '',
    about,
    '',
    'Options:',
    ...optionRows(command).map((o) => `  ${o.flag.padEnd(24)}${o.help}`),
    '',
    'Exit codes:',
    ...exitCodes.map(([code, meaning]) => `  ${code}  ${meaning}`),
  ].join('\n');
}

/** `monitors --help`. */
export const MAIN_HELP = `monitors: monitoring-as-code for AWS CloudWatch

Usage: monitors <command> [options] [directory]
       monitors --version

Commands:
${ALL_COMMANDS.map((c) => `  ${commandWord(c).padEnd(23)}${COMMAND_TEXT[c].summary}`).join('\n')}

Run "monitors <command> --help" for a command's options. The directory defaults to ./monitors.`;

function commandWord(command: AnyCommand): string {
  switch (command) {
    case 'apply':
      return 'apply FILE';
    case 'iam-policy':
      return 'iam-policy --mode M';
    case 'import':
      return 'import --all';
    case 'match':
      return "match 'PATTERN' [file]";
    case 'emulator':
      return 'emulator';
    case 'packs':
      return 'packs [SERVICE]';
    default:
      return `${command} [dir]`;
  }
}
