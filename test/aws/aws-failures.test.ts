/**
 * Nothing AWS (or an endpoint posing as AWS) can answer crashes a run: timestamps in any form read
 * alike, a read throttled past every retry, an HTML page instead of an API answer and a listing that
 * repeats its page token each end the plan with one message naming the call, never "Internal error"
 * or a stack trace. Through the real CLI and clients, the fault proxy in front of the emulator.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { startFaultProxy, type FaultOptions, type TimestampForm } from '../fault/fault-proxy';
import { exampleCopy, optionsFor, reconcile, removeStackDirs } from '../integration/stack-dir';

afterAll(removeStackDirs);

const DASHBOARD = `dashboards:
  - name: overview
    widgets:
      - text: { markdown: "# TeachMe" }
      - graph: { title: Errors, alarm: teachme-errors }
      - alarms: { alarms: [teachme-errors] }
      - logs: { logGroups: [/teachme/app], query: "fields @message | limit 20" }
`;

async function plan(account: TestAccount, dir: string, endpoint: string, extra: string[] = []) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const env = {
    AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
    AWS_REGION: account.region,
  };
  const started = Date.now();
  const code = await runCli(['plan', dir, '--endpoint-url', endpoint, ...extra], {
    stdout,
    stderr,
    stdin: new PassThrough(),
    env,
  });
  return {
    code,
    stdout: Buffer.concat(out).toString(),
    stderr: Buffer.concat(err).toString(),
    elapsedMs: Date.now() - started,
  };
}

async function withProxy<T>(
  options: Omit<FaultOptions, 'target'>,
  account: TestAccount,
  fn: (endpoint: string) => Promise<T>,
) {
  const proxy = await startFaultProxy({ target: account.endpoint, ...options });
  try {
    return { result: await fn(proxy.endpoint), stats: proxy.stats() };
  } finally {
    await proxy.stop();
  }
}

/** No stack trace: no line of the form "    at fn (file:line:col)". */
const STACK_TRACE = /^\s+at .+[:(]/m;

describe('on an applied stack with a dashboard', () => {
  let account: TestAccount;
  let dir: string;
  beforeAll(async () => {
    account = freshAccount();
    dir = exampleCopy();
    writeFileSync(path.join(dir, 'dashboards.yaml'), DASHBOARD);
    // Straight to the emulator, which itself answers ListDashboards' LastModified as an ISO string.
    await reconcile(optionsFor(account, dir));
  }, 60_000);

  test.each<TimestampForm>(['seconds', 'millis', 'numeric-string', 'iso'])(
    'timestamps as %s in every answer read alike: the plan is empty',
    async (form) => {
      const { result, stats } = await withProxy({ timestamps: form }, account, (endpoint) =>
        plan(account, dir, endpoint),
      );
      expect(result.stderr).not.toContain('Internal error');
      expect(result.stdout).toContain('No changes');
      expect(result.code).toBe(0);
      // The reads whose answers carry timestamps really went through the rewrite.
      expect(Object.keys(stats.forwarded)).toEqual(
        expect.arrayContaining([
          'CloudWatch.DescribeAlarms',
          'CloudWatch.ListDashboards',
          'CloudWatchLogs.DescribeLogGroups',
          'SNS.ListTopics',
        ]),
      );
    },
    60_000,
  );

  test('a read throttled past every retry ends the plan naming the call, after rounds beyond the SDK attempts', async () => {
    const { result, stats } = await withProxy({ throttleOperations: ['SNS.ListTopics'] }, account, (endpoint) =>
      plan(account, dir, endpoint),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Error: SNS\.ListTopics failed: Throttling: Rate exceeded \(HTTP 400, text\/xml, from http:\/\/127\.0\.0\.1:\d+, (\d+) attempts\)\. Hint: AWS kept throttling/,
    );
    const attempts = Number(/(\d+) attempts\)/.exec(result.stderr)?.[1]);
    expect(attempts).toBe(stats.throttled['SNS.ListTopics']);
    expect(attempts).toBeGreaterThan(3);
    expect(result.stderr).not.toContain('Internal error');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 120_000);

  test('an HTML 500 page instead of an answer ends the plan naming the call and the content type', async () => {
    const { result } = await withProxy({ htmlOperations: ['CloudWatch.DescribeAlarms'] }, account, (endpoint) =>
      plan(account, dir, endpoint),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Error: CloudWatch\.DescribeAlarms failed: the endpoint answered HTML, not an AWS API answer \(HTTP 500, text\/html, from http:\/\/127\.0\.0\.1:\d+, \d+ attempts\)\. Hint: is http:\/\/127\.0\.0\.1:\d+ an AWS API\?/,
    );
    expect(result.stderr).not.toContain('Internal error');
    expect(result.stderr).not.toContain('Unexpected token');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 120_000);

  test('an answer that breaks the model names the call, the field and the value', async () => {
    const answer = JSON.stringify({ MetricAlarms: [{ AlarmName: 'x', StateUpdatedTimestamp: 'yesterday' }] });
    const { result } = await withProxy({ fixedAnswers: { 'CloudWatch.DescribeAlarms': answer } }, account, (endpoint) =>
      plan(account, dir, endpoint),
    );
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(
      /Error: CloudWatch\.DescribeAlarms failed: its answer could not be read \(.*; field MetricAlarms\[0\]\.StateUpdatedTimestamp = "yesterday"; HTTP 200, application\/x-amz-json-1\.0, from http:\/\/127\.0\.0\.1:\d+, 1 attempt\)/,
    );
    expect(result.stderr).not.toContain('Internal error');
    expect(result.stderr).not.toMatch(STACK_TRACE);
  }, 60_000);

  test.each(['CloudWatch.DescribeAlarms', 'SNS.ListTopics', 'CloudWatchLogs.DescribeLogGroups'])(
    'a listing that repeats its page token (%s) ends the plan at once, naming it',
    async (op) => {
      const { result, stats } = await withProxy({ repeatTokenOperations: [op] }, account, (endpoint) =>
        plan(account, dir, endpoint),
      );
      expect(result.code).toBe(1);
      expect(result.stderr).toContain(`Error: ${op} answered a page token it had already given (page 3)`);
      // The first page, then the one with the token, then the refusal before a third request.
      expect(stats.forwarded[op]).toBe(2);
      expect(result.elapsedMs).toBeLessThan(30_000);
    },
    60_000,
  );
});

test('an HTML answer to the first call (STS, Query protocol) ends the plan naming it', async () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const { result } = await withProxy({ htmlOperations: ['STS.GetCallerIdentity'] }, account, (endpoint) =>
    plan(account, dir, endpoint),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Error: STS.GetCallerIdentity failed: the endpoint answered HTML');
  expect(result.stderr).not.toMatch(STACK_TRACE);
}, 60_000);

test('--debug adds the stack trace and the SDK error under the message; without it there is none', async () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const { result } = await withProxy({ throttleOperations: ['CloudWatch.DescribeAlarms'] }, account, (endpoint) =>
    plan(account, dir, endpoint, ['--debug']),
  );
  expect(result.code).toBe(1);
  expect(result.stderr).toContain('Error: CloudWatch.DescribeAlarms failed: Throttling: Rate exceeded');
  expect(result.stderr).toMatch(STACK_TRACE);
  expect(result.stderr).toContain('Caused by: Throttling: Rate exceeded');
}, 120_000);
