/**
 * `kill -9` in the middle of an apply loses nothing that the next run cannot finish: the real CLI
 * process is killed once a third of its writes have reached AWS; its apply lock stays behind and stops
 * the next apply until force-unlock removes it; then a second reconcile converges and the plan after
 * it is empty, with nothing created twice.
 */
import { spawn } from 'child_process';
import * as path from 'path';
import { ListSubscriptionsCommand } from '@aws-sdk/client-sns';
import { planStack, readStackLock } from '../../src/core';
import { startFaultProxy } from '../fault/fault-proxy';
import { generateStack } from '../bench/generate';
import { freshAccount, rawClients } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const WRITE = /\.(Put|Create|Subscribe|Tag|Set|Delete)/;

test('an apply killed with SIGKILL midway is finished by the next reconcile', async () => {
  const account = freshAccount();
  // Latency makes the apply long enough to be killed in the middle, not before or after it.
  const proxy = await startFaultProxy({ target: account.endpoint, latencyMs: 25 });
  const dir = stackDir(generateStack(100));
  try {
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'bin', 'monitors.js'),
        'reconcile',
        '--yes',
        '--endpoint-url',
        proxy.endpoint,
        dir,
      ],
      {
        env: { ...process.env, AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const writes = () =>
      Object.entries(proxy.stats().forwarded)
        .filter(([op]) => WRITE.test(op))
        .reduce((n, [, k]) => n + k, 0);
    const deadline = Date.now() + 60_000;
    while (writes() < 40 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    const resumed = await planStack(optionsFor(account, dir));
    const left = changeSummary(resumed);
    expect(left.length).toBeGreaterThan(0);
    expect(left.length).toBeLessThan(100);
    expect(left.every((c) => c.startsWith('create ') || c.startsWith('update '))).toBe(true);

    // The killed run could not release its lock: the next apply says so and changes nothing.
    await expect(reconcile(optionsFor(account, dir))).rejects.toMatchObject({
      code: 'LOCKED',
      message: expect.stringMatching(/holds the lock \/monitors\/gen\/lock: .* \(pid \d+\)/),
    });
    expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual(left);
    expect(await (await readStackLock(optionsFor(account, dir))).remove()).toBe(true);

    await reconcile(optionsFor(account, dir));
    expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
    const subs = await rawClients(account).sns.send(new ListSubscriptionsCommand({}));
    expect(subs.Subscriptions).toHaveLength(10);
  } finally {
    await proxy.stop();
  }
}, 120_000);

test('Ctrl-C during an apply releases the lock before the process ends', async () => {
  const account = freshAccount();
  const proxy = await startFaultProxy({ target: account.endpoint, latencyMs: 25 });
  const dir = stackDir(generateStack(60));
  try {
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'bin', 'monitors.js'),
        'reconcile',
        '--yes',
        '--endpoint-url',
        proxy.endpoint,
        dir,
      ],
      {
        env: { ...process.env, AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const forwarded = (op: string) => proxy.stats().forwarded[op] ?? 0;
    const deadline = Date.now() + 60_000;
    while (forwarded('SSM.PutParameter') === 0 || forwarded('CloudWatchLogs.CreateLogGroup') === 0) {
      if (Date.now() > deadline) throw new Error('the apply never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(forwarded('SSM.DeleteParameter')).toBe(1);
    expect((await readStackLock(optionsFor(account, dir))).holder).toBeUndefined();
  } finally {
    await proxy.stop();
  }
}, 120_000);

test('Ctrl-C during an apply of two targets releases both locks before the process ends', async () => {
  const account = freshAccount();
  const proxy = await startFaultProxy({ target: account.endpoint, latencyMs: 25 });
  const files = generateStack(60);
  files['stack.yaml'] =
    `stack:\n  name: gen\n  targets:\n    - name: both\n      account: '${account.accountId}'\n` +
    '      regions: [us-east-1, eu-west-1]\n';
  const dir = stackDir(files);
  try {
    const child = spawn(
      process.execPath,
      [
        path.join(__dirname, '..', '..', 'bin', 'monitors.js'),
        'reconcile',
        '--yes',
        '--endpoint-url',
        proxy.endpoint,
        dir,
      ],
      {
        env: { ...process.env, AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test' },
        stdio: 'ignore',
      },
    );
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.on('exit', (_code, signal) => resolve(signal)),
    );
    const forwarded = (op: string) => proxy.stats().forwarded[op] ?? 0;
    const deadline = Date.now() + 60_000;
    while (forwarded('SSM.PutParameter') < 2 || forwarded('CloudWatchLogs.CreateLogGroup') < 2) {
      if (Date.now() > deadline) throw new Error('the applies never started writing');
      await new Promise((r) => setTimeout(r, 20));
    }
    child.kill('SIGINT');
    expect(await exited).toBe('SIGINT');
    expect(forwarded('SSM.DeleteParameter')).toBe(2);
    for (const target of ['both/us-east-1', 'both/eu-west-1'])
      expect((await readStackLock(optionsFor(account, dir, { region: undefined }), target)).holder).toBeUndefined();
  } finally {
    await proxy.stop();
  }
}, 120_000);
