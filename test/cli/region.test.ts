/**
 * Which region a run uses: the stack's, which --region must agree with; when the stack names none,
 * --region, then AWS_REGION, then the profile's region. A region that cannot exist is refused before
 * any AWS call.
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { planStack } from '../../src/core';
import { freshAccount } from '../harness/emulator';

const root = mkdtempSync(path.join(tmpdir(), 'monitors-region-'));
let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  rmSync(root, { recursive: true, force: true });
});

/** The SDK's chain reads process.env and ~/.aws: each test decides what they hold. */
const saved = { ...process.env };
beforeEach(() => {
  delete process.env.AWS_REGION;
  delete process.env.AWS_PROFILE;
  process.env.AWS_CONFIG_FILE = path.join(root, 'no-such-config');
});
afterEach(() => {
  for (const k of ['AWS_REGION', 'AWS_PROFILE', 'AWS_CONFIG_FILE']) {
    if (saved[k] === undefined) delete process.env[k];
    else process.env[k] = saved[k];
  }
});

let n = 0;
function stack(region?: string): string {
  const dir = path.join(root, `s${n++}`);
  mkdirSync(dir);
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    `stack:\n  name: shop\n${region ? `  region: ${region}\n` : ''}logGroups:\n  - name: /shop/app\n`,
  );
  return path.relative(process.cwd(), dir);
}

async function cli(argv: string[], env: NodeJS.ProcessEnv = {}) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env: { AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', ...env },
  });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

const logsArns = (policyJson: string): string[] =>
  (JSON.parse(policyJson) as { Statement: { Resource: string | string[] }[] }).Statement.flatMap((s) =>
    ([] as string[]).concat(s.Resource),
  ).filter((r) => r.startsWith('arn:aws:logs:'));

test('--region that is not a region is refused by name, before any AWS call', async () => {
  const before = aws.requests();
  const r = await cli(['plan', '--region', 'banana', '--endpoint-url', aws.url, stack('eu-west-1')]);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('Error: --region "banana" is not an AWS region: expected a name like us-east-1 or eu-west-2\n');
  expect(aws.requests()).toBe(before);
});

test("--region that disagrees with the stack's region is an error naming both, before any AWS call", async () => {
  const dir = stack('eu-west-1');
  const before = aws.requests();
  const r = await cli(['plan', '--region', 'us-east-1', '--endpoint-url', aws.url, dir]);
  expect(r.code).toBe(1);
  expect(r.stderr).toContain(
    `${path.join(dir, 'stack.yaml')}:3:11: error REGION: --region us-east-1 conflicts with the stack's region eu-west-1`,
  );
  expect(aws.requests()).toBe(before);
});

test("--region that agrees with the stack's region is fine", async () => {
  const r = await cli(['iam-policy', '--mode', 'plan', '--region', 'eu-west-1', stack('eu-west-1')]);
  expect(r.code).toBe(0);
  expect(logsArns(r.stdout).every((a) => a.startsWith('arn:aws:logs:eu-west-1:'))).toBe(true);
});

test("AWS_REGION is a default, not an override: the stack's own region wins without a conflict", async () => {
  const r = await cli(['iam-policy', '--mode', 'plan', stack('eu-west-1')], { AWS_REGION: 'us-west-2' });
  expect(r.code).toBe(0);
  expect(logsArns(r.stdout).every((a) => a.startsWith('arn:aws:logs:eu-west-1:'))).toBe(true);
});

test('a stack without region takes --region', async () => {
  const r = await cli(['iam-policy', '--mode', 'apply', '--region', 'ap-south-1', stack()]);
  expect(r.code).toBe(0);
  expect(logsArns(r.stdout).length).toBeGreaterThan(0);
  expect(logsArns(r.stdout).every((a) => a.startsWith('arn:aws:logs:ap-south-1:'))).toBe(true);
});

test('a stack without region plans in AWS_REGION (against the emulator)', async () => {
  const account = freshAccount();
  const r = await cli(['plan', '--format', 'json', '--endpoint-url', account.endpoint, stack()], {
    AWS_REGION: 'eu-central-1',
    AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(JSON.parse(r.stdout)).toMatchObject({ region: 'eu-central-1', summary: { create: 1 } });
});

test("a stack without region plans in the AWS profile's region (the SDK's shared config)", async () => {
  const account = freshAccount();
  const config = path.join(root, 'config');
  writeFileSync(config, '[profile ops]\nregion = sa-east-1\n');
  process.env.AWS_CONFIG_FILE = config;
  const run = await planStack({
    directory: stack(),
    profile: 'ops',
    endpointUrl: account.endpoint,
    credentials: account.credentials,
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
  });
  expect(run.plan.region).toBe('sa-east-1');
});

test('AWS_REGION that is not a region is refused by name', async () => {
  const r = await cli(['plan', '--endpoint-url', aws.url, stack()], { AWS_REGION: 'banana' });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    'Error: AWS_REGION "banana" is not an AWS region: expected a name like us-east-1 or eu-west-2\n',
  );
});

test('no region anywhere: a warning for validate, an error for plan (before any AWS call)', async () => {
  const dir = stack();
  const message = `${path.join(dir, 'stack.yaml')}:1:1: %s REGION: the stack sets no region and none was given: add region to the stack, pass --region, or set AWS_REGION or a profile's region`;
  const v = await cli(['validate', dir]);
  expect(v.code).toBe(0);
  expect(v.stdout.split('\n')[0]).toBe(message.replace('%s', 'warning'));
  const before = aws.requests();
  const p = await cli(['plan', '--endpoint-url', aws.url, dir]);
  expect(p.code).toBe(1);
  expect(p.stderr.split('\n')[0]).toBe(message.replace('%s', 'error'));
  expect(aws.requests()).toBe(before);
});
