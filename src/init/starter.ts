/**
 * What `monitors init` writes, computed without touching the disk: the seed's stack (a log group, a
 * `%ERROR%` metric filter with its alarm, an SNS topic e-mailing on-call) for the user's log group and
 * address, and this package's three workflows pointed at the released action instead of `uses: ./`.
 */
import { MonitorsError } from '../model';
import { actionRef, schemaUrl, type PackageInfo } from '../package-info';

/** The user's answers, checked by checkStarterOptions before anything is generated. */
export interface StarterOptions {
  /** The stack directory, relative to the repository root (default "monitors"). */
  readonly directory: string;
  readonly stack: string;
  readonly region: string;
  readonly logGroup: string;
  readonly email: string;
}

/** One file to create, by its path relative to the repository root. */
export interface StarterFile {
  readonly path: string;
  readonly text: string;
}

/** The workflows init copies, by file name under .github/workflows/. */
export const WORKFLOWS = ['monitors-plan.yml', 'monitors-apply.yml', 'monitors-drift.yml'] as const;

// The same rules the schema and AWS apply, checked up front so a bad argument is one clear sentence
// instead of a schema error in a file the user did not write.
const RULES: readonly { key: keyof StarterOptions; flag: string; re: RegExp; expected: string }[] = [
  { key: 'stack', flag: '--stack', re: /^[a-z][a-z0-9-]{0,62}$/, expected: 'lower-case letters, digits and dashes' },
  { key: 'region', flag: '--region', re: /^[a-z]{2}(-[a-z]+)+-[0-9]$/, expected: 'an AWS region such as us-east-1' },
  {
    key: 'logGroup',
    flag: '--log-group',
    re: /^[A-Za-z0-9._/#-]{1,512}$/,
    expected: 'a log group name: letters, digits and . _ - / #',
  },
  {
    key: 'email',
    flag: '--email',
    re: /^[^\s@"'\\]{1,64}@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+$/,
    expected: 'an e-mail address',
  },
  {
    key: 'directory',
    flag: 'the directory',
    re: /^(?!\/)(?!.*(^|\/)\.\.?(\/|$))[A-Za-z0-9._/-]{1,200}$/,
    expected: 'a relative path inside the repository',
  },
];

/** Throws USAGE naming the first argument AWS or the schema would reject. */
export function checkStarterOptions(options: StarterOptions): void {
  for (const rule of RULES) {
    const value = options[rule.key];
    if (!rule.re.test(value)) {
      // Quote at most a short excerpt, with control characters made visible: arguments are untrusted.
      const shown = JSON.stringify(value.length > 60 ? `${value.slice(0, 60)}…` : value);
      throw new MonitorsError('USAGE', `${rule.flag} ${shown} is not valid: expected ${rule.expected}`);
    }
  }
}

/** A stack name from the repository's directory name ("My Shop" → "my-shop"), or "app". */
export function stackNameFrom(directoryName: string): string {
  const name = directoryName
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^[^a-z]+|-+$/g, '')
    .slice(0, 63)
    .replace(/-+$/, '');
  return name || 'app';
}

/** A value as YAML reads it back verbatim: plain when it is plainly a string, else a JSON (double-quoted) string. */
function yamlScalar(value: string): string {
  const plain = /^[A-Za-z/][A-Za-z0-9._/@-]*$/.test(value) && !/^(true|false|null|yes|no|on|off)$/i.test(value);
  return plain ? value : JSON.stringify(value);
}

/** The starter stack's two files. */
function stackFiles(o: StarterOptions, info: PackageInfo): StarterFile[] {
  const head = `# yaml-language-server: $schema=${schemaUrl(info)}\n#\n`;
  const q = yamlScalar;
  const topic = `${o.stack}-alerts`;
  return [
    {
      path: `${o.directory}/stack.yaml`,
      text: `${head}# The stack: its name marks every resource it creates (tag monitors:stack=${o.stack}),
# so a plan never touches anything another stack or a person made by hand.
stack:
  name: ${q(o.stack)}
  region: ${q(o.region)}

topics:
  - name: ${q(topic)}
    subscriptions:
      # AWS e-mails this address a confirmation link after the first apply.
      - email: ${q(o.email)}
`,
    },
    {
      path: `${o.directory}/app.yaml`,
      text: `${head}# The application's log group; an alarm when 2 or more lines containing ERROR arrive within a minute.
logGroups:
  - name: ${q(o.logGroup)}
    retention: 30d

monitors:
  - name: ${q(`${o.stack}-errors`)}
    description: Two or more ERROR lines within one minute
    logGroup: ${q(o.logGroup)}
    pattern: '%ERROR%'
    metric: ${q(`${o.stack}/Errors`)}
    alarm: '>= 2 in 1m'
    notify: ${q(topic)}
`,
    },
  ];
}

/** The starter's rule tests: they pass as written, and show how to test a change to the monitor. */
function testFile(o: StarterOptions, info: PackageInfo): StarterFile {
  const q = yamlScalar;
  const alarm = q(`${o.stack}-errors`);
  const topic = q(`${o.stack}-alerts`);
  return {
    path: `${o.directory}/tests/app.yaml`,
    text: `# yaml-language-server: $schema=${schemaUrl(info).replace(/monitors\.schema\.json$/, 'monitors-tests.schema.json')}
#
# Rule tests for app.yaml, run offline by \`monitors test ${o.directory}\` (and on every pull request):
# log lines in, the alarm's state and the notifications out. Times are relative to a minute boundary.
tests:
  - name: one ERROR line does not alarm
    logs:
      - '+0s GET /health 200'
      - '+5s ERROR database connection refused'
    expect:
      alarms:
        - alarm: ${alarm}
          at: +1m
          state: OK
      notifications: []

  - name: two ERROR lines within a minute alarm and notify on-call
    logs:
      - '+0s ERROR database connection refused'
      - '+40s ERROR payment service timeout'
    expect:
      alarms:
        - alarm: ${alarm}
          at: +1m
          state: ALARM
      notifications:
        - at: +1m
          topic: ${topic}
          alarm: ${alarm}
          state: ALARM
`,
  };
}

/**
 * The workflow step's `env:` with exactly the variables the stack's `\${env:}` references need, each
 * from the repository secret of the same name; none at all (and a note saying how) when it uses none.
 */
export function wireSecrets(file: string, text: string, secrets: readonly string[]): string {
  const block = /^( +)env:\n(?:\1 {2}[A-Z_][A-Z0-9_]*: \$\{\{ secrets\.[A-Z_][A-Z0-9_]* \}\}\n)+/m;
  const found = block.exec(text);
  if (!found) throw new MonitorsError('INTERNAL', `${file} no longer passes secrets in an env: block`, 'internal');
  const indent = found[1] as string;
  const wired =
    secrets.length > 0
      ? `${indent}env:\n${secrets.map((s) => `${indent}  ${s}: \${{ secrets.${s} }}\n`).join('')}`
      : `${indent}# A file using \${env:NAME} (a chat webhook) needs NAME here, from a repository secret:\n${indent}# env:\n${indent}#   NAME: \${{ secrets.NAME }}\n`;
  return text.replace(block, wired);
}

/** Replaces one exact piece of a workflow, failing loudly if the source workflow no longer has it. */
function replaceExactly(text: string, from: string, to: string, file: string): string {
  if (!text.includes(from)) throw new MonitorsError('INTERNAL', `${file} no longer contains "${from}"`, 'internal');
  return text.split(from).join(to);
}

/** A workflow of this repository as a user's repository needs it: the released action, their region and directory. */
export function adaptWorkflow(file: string, text: string, o: StarterOptions, info: PackageInfo): string {
  let out = replaceExactly(text, 'uses: ./\n', `uses: ${actionRef(info)}\n`, file);
  out = replaceExactly(out, 'aws-region: us-east-1 # the stack', `aws-region: ${o.region} # the stack`, file);
  out = replaceExactly(out, 'directory: monitors\n', `directory: ${o.directory}\n`, file);
  // The starter references no secret: its workflows pass none (a chat line adds its own).
  out = wireSecrets(file, out, []);
  if (o.directory !== 'monitors') {
    out = out.split("- 'monitors/**'").join(`- '${o.directory}/**'`);
  }
  return out;
}

/** Every file init creates, in the order it prints them. */
export function starterFiles(
  o: StarterOptions,
  info: PackageInfo,
  workflows: Readonly<Record<(typeof WORKFLOWS)[number], string>>,
): StarterFile[] {
  checkStarterOptions(o);
  return [
    ...stackFiles(o, info),
    testFile(o, info),
    ...WORKFLOWS.map((f) => ({ path: `.github/workflows/${f}`, text: adaptWorkflow(f, workflows[f], o, info) })),
  ];
}
