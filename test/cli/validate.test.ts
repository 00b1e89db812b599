/** `monitors validate` and `--help` through the real CLI entry (runCli), with captured streams. */
import { runCliCaptured } from '../harness/run-cli';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';

const cli = (argv: string[]) => runCliCaptured(argv);

const dirs: string[] = [];
function stackDir(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-validate-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return path.relative(process.cwd(), dir);
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('the bundled example stack is valid', async () => {
  const r = await cli(['validate', 'monitors']);
  expect(r).toEqual({ code: 0, stdout: 'monitors is valid: 18 resources in 4 file(s)\n', stderr: '' });
});

test('schema errors of every file are printed together, and the exit code is 1', async () => {
  const dir = stackDir({
    'a.yaml': 'stack:\n  name: s\n  region: us-east-1\nlogGroups:\n  - name: /a\n    retention: 2d\n',
    'b.yaml':
      'alarms:\n  - name: x\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: "> 1"\n    evaluationPeriod: 3\n',
  });
  const r = await cli(['validate', dir]);
  expect(r.code).toBe(1);
  const lines = r.stdout.trim().split('\n');
  expect(lines).toHaveLength(3);
  expect(lines[0]).toMatch(
    new RegExp(`^${path.join(dir, 'a.yaml')}:6:16: error SCHEMA: logGroups\\.0\\.retention: "2d"`),
  );
  expect(lines[1]).toMatch(
    new RegExp(
      `^${path.join(dir, 'b.yaml')}:5:5: error SCHEMA: unknown key "evaluationPeriod" in alarms\\.0; did you mean "evaluationPeriods"\\?`,
    ),
  );
  expect(lines[2]).toBe(`${dir}: 2 error(s), 0 warning(s)`);
});

test('warnings are printed but do not fail validation', async () => {
  const dir = stackDir({
    'a.yaml':
      'stack:\n  name: s\n  region: us-east-1\nalarms:\n  - name: x\n    metric: { namespace: Shop, name: Errors, stat: Sum }\n    threshold: ">= 1"\n',
  });
  const r = await cli(['validate', dir]);
  expect(r.code).toBe(0);
  expect(r.stdout.split('\n')[0]).toBe(
    `${path.join(dir, 'a.yaml')}:5:5: warning DANGLING_REFERENCE: alarm will never fire? no metric filter in this stack emits Shop/Errors`,
  );
  // The alarm also notifies no one: a second warning, on the same line, after the first.
  expect(r.stdout.split('\n')[1]).toBe(
    `${path.join(dir, 'a.yaml')}:5:5: warning SILENT_ALARM: metric alarm x notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)`,
  );
  expect(r.stdout).toContain('is valid: 1 resources in 1 file(s) (2 warning(s))');
});

test('an empty directory is an error, not a silent success', async () => {
  const dir = stackDir({});
  const r = await cli(['validate', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain(`no *.yaml or *.yml files under ${dir}`);
});

test.each(['validate', 'plan', 'reconcile', 'iam-policy'])(
  '%s --help prints its usage and exits 0',
  async (command) => {
    const r = await cli([command, '--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^Usage: monitors /);
    expect(r.stdout).toContain(command === 'plan' ? 'monitors plan' : `monitors ${command}`);
  },
);

test('an unknown flag is a usage error with exit 1', async () => {
  const r = await cli(['plan', '--dryrun']);
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/--dryrun/);
});

describe('validate --format json', () => {
  test('a valid stack is one JSON object with counts and its warnings located', async () => {
    const dir = stackDir({
      'a.yaml':
        'stack:\n  name: s\n  region: us-east-1\nalarms:\n  - name: x\n    metric: { namespace: Shop, name: Errors, stat: Sum }\n    threshold: ">= 1"\n',
    });
    const r = await cli(['validate', '--format', 'json', dir]);
    expect(r.code).toBe(0);
    expect(JSON.parse(r.stdout)).toEqual({
      formatVersion: 1,
      directory: dir,
      valid: true,
      errors: 0,
      warnings: 2,
      resources: 1,
      files: [path.join(dir, 'a.yaml')],
      diagnostics: [
        {
          file: path.join(dir, 'a.yaml'),
          line: 5,
          column: 5,
          severity: 'warning',
          code: 'DANGLING_REFERENCE',
          message: 'alarm will never fire? no metric filter in this stack emits Shop/Errors',
        },
        {
          file: path.join(dir, 'a.yaml'),
          line: 5,
          column: 5,
          severity: 'warning',
          code: 'SILENT_ALARM',
          message:
            "metric alarm x notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)",
        },
      ],
    });
  });

  test('errors are in it with file, line, column, code and severity, and the exit code is 1', async () => {
    const dir = stackDir({
      'a.yaml': 'stack:\n  name: s\n  region: us-east-1\nlogGroups:\n  - name: /a\n    retention: 2d\n',
    });
    const r = await cli(['validate', '--format=json', dir]);
    expect(r.code).toBe(1);
    const report = JSON.parse(r.stdout);
    expect(report).toMatchObject({ valid: false, errors: 1, warnings: 0 });
    expect(report.diagnostics).toEqual([
      expect.objectContaining({
        file: path.join(dir, 'a.yaml'),
        line: 6,
        column: 16,
        severity: 'error',
        code: 'SCHEMA',
      }),
    ]);
    expect(report).not.toHaveProperty('resources');
  });

  test('a directory that cannot be read is still one JSON report', async () => {
    const r = await cli(['validate', '--format', 'json', path.join('no', 'such', 'dir')]);
    expect(r.code).toBe(1);
    expect(JSON.parse(r.stdout)).toMatchObject({ valid: false, errors: 1, diagnostics: [{ code: 'NO_FILES' }] });
  });

  test('markdown is not a validate format', async () => {
    const r = await cli(['validate', '--format', 'markdown', 'monitors']);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: --format "markdown" is not valid: expected one of text, json\n');
  });
});

describe('options a command does not take are refused, naming the ones it does', () => {
  test.each([
    [['validate', '--yes', 'monitors'], 'monitors validate does not take --yes; its options are: --format, --help'],
    [['validate', '-y'], 'monitors validate does not take --yes; its options are: --format, --help'],
    [['plan', '--dry-run'], 'monitors plan does not take --dry-run;'],
    [['reconcile', '--save=plan.json'], 'monitors reconcile does not take --save;'],
    [['apply', '--yes', 'plan.json'], 'monitors apply does not take --yes;'],
    [['apply', '--region', 'us-east-1', 'plan.json'], 'monitors apply does not take --region;'],
    [
      ['iam-policy', '--mode', 'plan', '--endpoint-url', 'http://x'],
      'monitors iam-policy does not take --endpoint-url;',
    ],
  ])('%j', async (argv, message) => {
    const r = await cli(argv);
    expect(r.code).toBe(1);
    expect(r.stderr.startsWith(`Error: ${message}`)).toBe(true);
  });

  test("each command's help lists exactly the options it takes", async () => {
    const validate = (await cli(['validate', '--help'])).stdout;
    expect(validate).toContain('--format F              text | json (default text)');
    expect(validate).not.toContain('--region');
    const reconcile = (await cli(['reconcile', '--help'])).stdout;
    for (const flag of ['--dry-run', '-y, --yes', '--quota OP=N', '--region R', '--stats'])
      expect(reconcile).toContain(flag);
    const plan = (await cli(['plan', '--help'])).stdout;
    expect(plan).not.toContain('--yes');
    for (const flag of ['--quota OP=N', '--save FILE']) expect(plan).toContain(flag);
    expect(reconcile).not.toContain('--save');
    const apply = (await cli(['apply', '--help'])).stdout;
    expect(apply).toContain('Usage: monitors apply [options] FILE');
    for (const flag of ['--quota OP=N', '--endpoint-url URL', '--lock-timeout D']) expect(apply).toContain(flag);
    for (const flag of ['--yes', '--region', '--no-adopt', '--allow-mass-delete']) expect(apply).not.toContain(flag);
  });
});

describe('an unset ${env:NAME} while only checking the files', () => {
  const files = {
    'a.yaml':
      'stack:\n  name: s\n  region: us-east-1\ntopics:\n  - name: chat\n    subscriptions:\n      - https: ${env:SLACK_WEBHOOK_URL}\n',
  };
  const warning = (dir: string) =>
    `${path.join(dir, 'a.yaml')}:7:16: warning UNRESOLVED_ENV: environment variable SLACK_WEBHOOK_URL is not set (used by topics.0.subscriptions.0.https as \${env:SLACK_WEBHOOK_URL}); validation goes on, but plan and apply will need it`;

  test('is a warning for validate, which still passes', async () => {
    const dir = stackDir(files);
    const r = await cli(['validate', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`${warning(dir)}\n${dir} is valid: 2 resources in 1 file(s) (1 warning(s))\n`);
  });

  test('is a warning on stderr for iam-policy, which still prints the policy', async () => {
    const dir = stackDir(files);
    const r = await cli(['iam-policy', '--mode', 'apply', dir]);
    expect(r.code).toBe(0);
    expect(r.stderr.split('\n')[0]).toBe(warning(dir));
    expect(JSON.parse(r.stdout)).toHaveProperty('Statement');
  });
});
