/**
 * Two applies of one stack never interleave: each holds the stack's lock (an SSM parameter) for its
 * whole duration, on the emulator's SSM. A second apply fails naming the holder, or waits and then
 * finds the first one's work done; an abandoned lock is taken over after its TTL; force-unlock
 * removes one; and the lock is gone after every apply, failed or not.
 */
import { GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { PassThrough } from 'stream';
import { applyStack, planStack } from '../../src/core';
import { runCli } from '../../src/cli/run';
import { lockParameterName } from '../../src/apply/lock';
import { MonitorsError } from '../../src/model';
import { renderApplySummary } from '../../src/render/apply-summary';
import { startFaultProxy } from '../fault/fault-proxy';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const LOCK = lockParameterName('shop');
const FILES = {
  'stack.yaml':
    'stack:\n  name: shop\n  region: us-east-1\nalarms:\n' +
    ['a', 'b', 'c', 'd']
      .map(
        (n) =>
          `  - name: orders-${n}\n    metric: { namespace: Shop, name: Orders, stat: Sum, period: 60 }\n    threshold: ">= 1"\n`,
      )
      .join(''),
};

const ssmOf = (account: TestAccount) =>
  new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });

async function lockValue(account: TestAccount): Promise<string | undefined> {
  try {
    return (await ssmOf(account).send(new GetParameterCommand({ Name: LOCK }))).Parameter?.Value;
  } catch (err) {
    if ((err as Error).name === 'ParameterNotFound') return undefined;
    throw err;
  }
}

/** A lock as another run would have left it. */
async function plantLock(account: TestAccount, acquiredAt: Date, ttlSeconds: number): Promise<void> {
  const value = {
    by: 'carol',
    host: 'build-7',
    pid: 4242,
    acquiredAt: acquiredAt.toISOString(),
    ttlSeconds,
    token: 't',
  };
  await ssmOf(account).send(new PutParameterCommand({ Name: LOCK, Value: JSON.stringify(value), Type: 'String' }));
}

async function alarmCount(account: TestAccount): Promise<number> {
  const out = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
  return out.MetricAlarms?.length ?? 0;
}

function cliIo(env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const stdin = Object.assign(new PassThrough(), { isTTY: false });
  return { io: { stdout, stderr, stdin, env }, out: () => out, err: () => err };
}

const cliEnv = (account: TestAccount) => ({
  AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
});

test('two applies of one stack at once: one applies, the other refuses naming the holder; the state matches the files', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  const first = await planStack(optionsFor(account, dir, { env: { USER: 'alice' } }));
  const second = await planStack(optionsFor(account, dir, { env: { USER: 'bob' } }));
  const results = await Promise.allSettled([
    applyStack(first, optionsFor(account, dir, { env: { USER: 'alice' } })),
    applyStack(second, optionsFor(account, dir, { env: { USER: 'bob' } })),
  ]);
  const ok = results.filter((r) => r.status === 'fulfilled');
  const refused = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
  expect(ok).toHaveLength(1);
  expect(refused).toHaveLength(1);
  const error = refused[0]?.reason as MonitorsError;
  expect(error).toBeInstanceOf(MonitorsError);
  expect(error.code).toBe('LOCKED');
  const holder = results[0]?.status === 'fulfilled' ? 'alice' : 'bob';
  expect(error.message).toContain(`another apply of stack "shop" in us-east-1 holds the lock ${LOCK}: ${holder} on `);
  expect(error.message).toContain('monitors force-unlock');

  expect(await lockValue(account)).toBeUndefined();
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
  expect(await alarmCount(account)).toBe(4);
});

test('a second apply given --lock-timeout waits for the first, then finds its creates already made and skips them', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  const first = await planStack(optionsFor(account, dir));
  const second = await planStack(optionsFor(account, dir));
  const waiting = optionsFor(account, dir, { lockWaitSeconds: 60 });
  const [a, b] = await Promise.all([applyStack(first, optionsFor(account, dir)), applyStack(second, waiting)]);
  // Whichever won did the work; the other waited, then found every alarm made since its plan.
  const [winner, waiter] = a.done === 4 ? [a, b] : [b, a];
  expect(winner.done).toBe(4);
  expect(waiter.done).toBe(0);
  expect(waiter.outcomes.map((o) => o.status === 'skipped' && o.reason)).toEqual(
    Array(4).fill('it was created since the plan; not overwritten'),
  );
  expect(await lockValue(account)).toBeUndefined();
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
  expect(await alarmCount(account)).toBe(4);
});

test('a lock older than its TTL is taken over, and the apply says whose it was', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  // Its age is SSM's (LastModifiedDate), not the time the holder wrote: a 1 s TTL, then 2.5 s later.
  await plantLock(account, new Date(), 1);
  await new Promise((r) => setTimeout(r, 2500));
  const run = await planStack(optionsFor(account, dir));
  const result = await applyStack(run, optionsFor(account, dir));
  expect(result.done).toBe(4);
  expect(result.notes).toEqual(['Took over an abandoned apply lock (older than its TTL) held by carol on build-7.']);
  expect(await lockValue(account)).toBeUndefined();
});

test('a lock written by a holder whose clock is 31 minutes behind is not taken as abandoned (issue 20)', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  await plantLock(account, new Date(Date.now() - 31 * 60_000), 1800);
  const run = await planStack(optionsFor(account, dir));
  await expect(applyStack(run, optionsFor(account, dir))).rejects.toMatchObject({ code: 'LOCKED' });
  expect(await alarmCount(account)).toBe(0);
});

test('a lock within its TTL (a crashed run) stops the next apply before any write, until force-unlock removes it', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  await plantLock(account, new Date(Date.now() - 60_000), 3600);
  const env = cliEnv(account);
  const args = ['--endpoint-url', account.endpoint, dir];

  const refused = cliIo(env);
  expect(await runCli(['reconcile', '--yes', ...args], refused.io)).toBe(1);
  expect(refused.err()).toMatch(
    new RegExp(
      `Error: another apply of stack "shop" in us-east-1 holds the lock ${LOCK}: carol on build-7 \\(pid 4242\\), taken \\d+s ago`,
    ),
  );
  expect(await alarmCount(account)).toBe(0);

  const noTty = cliIo(env);
  expect(await runCli(['force-unlock', ...args], noTty.io)).toBe(1);
  expect(noTty.err()).toContain('pass --yes');
  expect(await lockValue(account)).toBeDefined();

  const unlock = cliIo(env);
  expect(await runCli(['force-unlock', '-y', ...args], unlock.io)).toBe(0);
  expect(unlock.out()).toContain(`The apply lock ${LOCK} is held by carol on build-7 (pid 4242)`);
  expect(unlock.out()).toContain(`Removed the apply lock ${LOCK}.`);
  expect(await lockValue(account)).toBeUndefined();

  const again = cliIo(env);
  expect(await runCli(['force-unlock', '--yes', ...args], again.io)).toBe(0);
  expect(again.out()).toContain('No apply lock is held');
  // With no lock there is nothing to confirm: no --yes needed, even without a terminal.
  const nothing = cliIo(env);
  expect(await runCli(['force-unlock', ...args], nothing.io)).toBe(0);
  expect(nothing.out()).toContain('No apply lock is held');
  expect(nothing.err()).toBe('');

  const applied = cliIo(env);
  expect(await runCli(['reconcile', '--yes', ...args], applied.io)).toBe(0);
  expect(await alarmCount(account)).toBe(4);
});

test('the lock is released when the apply does not finish cleanly', async () => {
  const account = freshAccount();
  const dir = stackDir({
    'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\n    retention: 30d\n',
  });
  const run = await planStack(optionsFor(account, dir));
  // Someone makes the group by hand after the plan: the create is skipped as stale, the apply exits 1.
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/app' }));
  const result = await applyStack(run, optionsFor(account, dir));
  expect(result.skipped).toBe(1);
  expect(await lockValue(account)).toBeUndefined();
});

test('a lock the role may take but not remove: the writes are reported as done, with a note to force-unlock', async () => {
  const account = freshAccount();
  const dir = stackDir(FILES);
  const proxy = await startFaultProxy({
    target: account.endpoint,
    denyOperations: { 'SSM.DeleteParameter': 'AccessDeniedException' },
  });
  try {
    const options = optionsFor(account, dir, { endpointUrl: proxy.endpoint });
    const result = await applyStack(await planStack(options), options);
    expect(result.done).toBe(4);
    expect(result.notes).toEqual([
      expect.stringMatching(
        /^Could not release the apply lock \(.*\); run "monitors force-unlock" once no apply is running\.$/,
      ),
    ]);
    expect(renderApplySummary(result)).toContain('  note     Could not release the apply lock');
    expect(await lockValue(account)).toBeDefined();
  } finally {
    await proxy.stop();
  }
});
