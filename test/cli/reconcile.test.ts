/** The CLI end to end against the emulator: dry-run, apply, then a clean detailed-exitcode plan. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { exampleCopy, removeStackDirs } from '../integration/stack-dir';

afterAll(removeStackDirs);

async function cli(account: TestAccount, argv: string[], stdinText?: string) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough() as PassThrough & { isTTY?: boolean };
  if (stdinText !== undefined) {
    stdin.isTTY = true;
    stdin.end(stdinText);
  }
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const env = { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const code = await runCli([...argv, '--endpoint-url', account.endpoint], { stdout, stderr, stdin, env });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}

describe('monitors reconcile', () => {
  const account = freshAccount();
  const dir = exampleCopy();

  test('--dry-run prints the plan, changes nothing, and exits 2 with --detailed-exitcode', async () => {
    const r = await cli(account, ['reconcile', '--dry-run', '--detailed-exitcode', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  + log group /teachme/app');
    expect(r.stdout).toContain('      + retentionInDays: 30');
    expect(r.stdout).toContain('Plan: 7 to add, 0 to change, 0 to replace, 0 to delete.');
    const again = await cli(account, ['plan', '--format', 'json', dir]);
    expect(JSON.parse(again.stdout).summary).toMatchObject({ create: 7 });
  });

  test('without a terminal and without --yes, it refuses to apply', async () => {
    const r = await cli(account, ['reconcile', dir]);
    expect(r.code).toBe(1);
    expect(r.stderr).toBe('Error: stdin is not a terminal: pass --yes to apply without confirmation\n');
  });

  test('at the prompt, anything but "yes" cancels', async () => {
    const r = await cli(account, ['reconcile', dir], 'y\n');
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('Apply cancelled.');
    const plan = await cli(account, ['plan', '--detailed-exitcode', dir]);
    expect(plan.code).toBe(2);
  });

  test('"yes" applies; then the plan is empty and --detailed-exitcode exits 0', async () => {
    const r = await cli(account, ['reconcile', dir], 'yes\n');
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/7 done, 0 failed, 0 skipped/);
    const plan = await cli(account, [
      'plan',
      '--detailed-exitcode',
      '--stats',
      '--out',
      path.join(dir, 'plan.txt'),
      dir,
    ]);
    expect(plan.code).toBe(0);
    expect(plan.stdout).toContain('No changes.');
    expect(readFileSync(path.join(dir, 'plan.txt'), 'utf8')).toContain('No changes.');
    expect(plan.stderr).toMatch(/^AWS calls \(\d+\):\n/);
    expect(plan.stderr).toContain('  CloudWatch.DescribeAlarms: 1');
  });
});
