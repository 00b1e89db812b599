/**
 * The package as a user installs it: `npm pack`, the tarball installed into an empty project (runtime
 * dependencies only, from the npm cache that `npm ci` warmed), then the installed `monitors` command:
 * --version, init, validate, and a JSON plan against the emulator; then the first hour with no secret
 * set: a stack with `slack: ${env:}` and `https: ${env:}` goes through init → validate → test →
 * roles-template → the action's validate mode (the one fork pull requests get), each exiting 0.
 */
import { execFile } from 'child_process';
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { freshAccount } from '../harness/emulator';
import { pullRequestEvent, removeWorkspaces, runBundledAction } from '../action/run-bundled';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  name: string;
  version: string;
  devDependencies: Record<string, string>;
};

let work: string;
let project: string;
/** npm and npx as a user's shell runs them: none of the npm_* variables of the `npm test` around us. */
const env = (extra: Record<string, string> = {}): NodeJS.ProcessEnv => ({
  ...Object.fromEntries(Object.entries(process.env).filter(([k]) => !/^npm_/i.test(k))),
  NO_COLOR: '1',
  ...extra,
});
const monitors = (args: string[], extra: Record<string, string> = {}) =>
  run('npx', ['--no-install', 'monitors', ...args], { cwd: project, env: env(extra), maxBuffer: 16 * 1024 * 1024 });

beforeAll(async () => {
  work = mkdtempSync(path.join(tmpdir(), 'monitors-pack-'));
  await run('npm', ['pack', '--silent', '--pack-destination', work], { cwd: ROOT, env: env() });
  const [tarball] = readdirSync(work).filter((f) => f.endsWith('.tgz'));
  expect(tarball).toBe(`${manifest.name}-${manifest.version}.tgz`);
  project = path.join(work, 'project');
  await run('mkdir', [project]);
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'user-project', private: true }));
  await run(
    'npm',
    ['install', '--prefer-offline', '--no-audit', '--no-fund', '--no-progress', path.join(work, tarball as string)],
    { cwd: project, env: env() },
  );
}, 300_000);
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
  removeWorkspaces();
});

test('the tarball installs only what runs: no TypeScript sources, no dev dependency', () => {
  const installed = path.join(project, 'node_modules', manifest.name);
  expect(existsSync(path.join(installed, 'lib', 'src', 'cli.js'))).toBe(true);
  expect(existsSync(path.join(installed, 'src'))).toBe(false);
  for (const dev of ['ts-node', 'typescript', 'jest', 'esbuild']) {
    expect([dev, existsSync(path.join(project, 'node_modules', dev))]).toEqual([dev, false]);
  }
  expect(Object.keys(manifest.devDependencies)).toContain('ts-node');
});

test('npx monitors emulator finds the pinned version in the package (here already in the cache)', async () => {
  const version = readFileSync(path.join(ROOT, 'scripts', 'ministack.version'), 'utf8').trim();
  const cache = path.join(work, 'cache');
  await run('mkdir', [cache]);
  symlinkSync(path.join(ROOT, '.venv-emulator'), path.join(cache, `ministack-${version}`));
  const r = await monitors(['emulator', '--install-only', '--cache-dir', cache]);
  expect(r.stdout).toBe(`${path.join(cache, `ministack-${version}`, 'bin', 'ministack')}\n`);
});

test('npx monitors --version prints the package version', async () => {
  expect((await monitors(['--version'])).stdout).toBe(`${manifest.version}\n`);
});

test('init, validate and plan --format json against the emulator, from the installed package', async () => {
  await monitors(['init', '--log-group', '/shop/web', '--email', 'ops@shop.example', '--stack', 'shop']);
  expect((await monitors(['validate'])).stdout).toBe('monitors is valid: 5 resources in 2 file(s)\n');

  const account = freshAccount();
  const { stdout, stderr } = await monitors(['plan', '--format', 'json', '--endpoint-url', account.endpoint], {
    AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
  });
  expect(stderr).toBe('');
  const plan = JSON.parse(stdout) as {
    formatVersion: number;
    stack: string;
    accountId: string;
    summary: Record<string, number>;
    changes: { action: string; kind: string; name: string }[];
  };
  expect(plan).toMatchObject({ formatVersion: 1, stack: 'shop', accountId: account.accountId });
  expect(plan.summary).toMatchObject({ create: 5, update: 0, delete: 0 });
  expect(plan.changes.map((c) => `${c.action} ${c.kind} ${c.name}`).sort()).toEqual([
    'create logGroup /shop/web',
    'create metricAlarm shop-errors',
    'create metricFilter monitors.shop.shop-errors',
    'create subscription email:ops@shop.example',
    'create topic shop-alerts',
  ]);
});

test('with no secret set, a stack with slack: and https: from ${env:} passes every offline step', async () => {
  const first = path.join(work, 'first-hour');
  await run('mkdir', [first]);
  await run('git', ['init', '-q'], { cwd: first });
  const inFirst = (args: string[]) =>
    run('npx', ['--prefix', project, '--no-install', 'monitors', ...args], {
      cwd: first,
      env: env({ AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '', AWS_PROFILE: '' }),
      maxBuffer: 16 * 1024 * 1024,
    });
  await inFirst(['init', '--log-group', '/shop/web', '--email', 'ops@shop.example', '--stack', 'shop']);
  const stackFile = path.join(first, 'monitors', 'stack.yaml');
  const text = readFileSync(stackFile, 'utf8');
  const withChats = text.replace(
    '      - email: ops@shop.example\n',
    '      - email: ops@shop.example\n      - slack: ${env:SLACK_WEBHOOK_URL}\n      - https: ${env:ONCALL_HOOK_URL}\n',
  );
  expect(withChats).not.toBe(text);
  writeFileSync(stackFile, withChats);

  // Each step exits 0 (execFile rejects otherwise); the unset variables are warnings.
  const validated = await inFirst(['validate']);
  expect(validated.stdout).toContain('warning UNRESOLVED_ENV: environment variable SLACK_WEBHOOK_URL is not set');
  expect(validated.stdout).toContain('warning UNRESOLVED_ENV: environment variable ONCALL_HOOK_URL is not set');
  expect(validated.stdout).toMatch(/monitors is valid: 6 resources \(and 6 for the chat forwarder\) in 2 file\(s\)/);
  expect((await inFirst(['test'])).stdout).toMatch(/Rule tests: 2 passed, 0 failed/);
  const roles = await inFirst(['roles-template']);
  expect(roles.stdout).toContain('lambda:CreateFunction');

  const action = await runBundledAction({
    cwd: first,
    event: pullRequestEvent(5, true),
    inputs: { mode: 'validate', directory: 'monitors' },
    account: freshAccount(),
    githubUrl: 'http://127.0.0.1:9',
    env: { AWS_ACCESS_KEY_ID: '', AWS_SECRET_ACCESS_KEY: '' },
  });
  expect(action.stderr).toBe('');
  expect(action.code).toBe(0);
  expect(action.stdout).toMatch(/^::warning title=UNRESOLVED_ENV,file=monitors\/stack\.yaml/m);
  expect(action.stdout).not.toMatch(/^::error/m);
}, 120_000);
