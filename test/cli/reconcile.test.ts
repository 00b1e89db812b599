/** The CLI end to end against the emulator: dry-run, apply, then a clean detailed-exitcode plan. */
import { readFileSync } from 'fs';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
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

describe('monitors reconcile --format json', () => {
  const account = freshAccount();
  const dir = exampleCopy();

  test('prints one JSON document: the plan, with what the apply did per resource', async () => {
    const r = await cli(account, ['reconcile', '--yes', '--format', 'json', dir]);
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as {
      summary: { create: number };
      apply: {
        status: string;
        done: number;
        results: { status: string; action: string; kind: string; name: string; arn?: string; durationMs: number }[];
      };
    };
    expect(doc.summary.create).toBe(18);
    expect(doc.apply).toMatchObject({ status: 'complete', done: 18, failed: 0, skipped: 0 });
    expect(doc.apply.results).toHaveLength(18);
    for (const result of doc.apply.results) {
      expect(result).toMatchObject({ status: 'done', action: 'create' });
      expect(result.durationMs).toBeGreaterThanOrEqual(0);
    }
    // The ARNs are the ones AWS itself reports for what now exists.
    const { sns, cloudwatch } = rawClients(account);
    const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
    const alarms = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }));
    const live = [
      ...topics.map((t) => t.TopicArn),
      ...(alarms.MetricAlarms ?? []).map((a) => a.AlarmArn),
      ...(alarms.CompositeAlarms ?? []).map((a) => a.AlarmArn),
    ];
    const reported = doc.apply.results.filter((x) => x.kind === 'topic' || x.kind.endsWith('Alarm')).map((x) => x.arn);
    // Two topics, the stack's two alarms and its composite, and the SLO's six window alarms and two composites.
    expect(reported).toHaveLength(13);
    expect(new Set(reported)).toEqual(new Set(live));
  });
});

describe('monitors reconcile', () => {
  const account = freshAccount();
  const dir = exampleCopy();

  test('--dry-run prints the plan, changes nothing, and exits 2 with --detailed-exitcode', async () => {
    const r = await cli(account, ['reconcile', '--dry-run', '--detailed-exitcode', dir]);
    expect(r.code).toBe(2);
    expect(r.stdout).toContain('  + log group /teachme/app');
    expect(r.stdout).toContain('      + retentionInDays: 30');
    expect(r.stdout).toContain('Plan: 18 to add, 0 to change, 0 to replace, 0 to delete.');
    const again = await cli(account, ['plan', '--format', 'json', dir]);
    expect(JSON.parse(again.stdout).summary).toMatchObject({ create: 18 });
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
    expect(r.stdout).toMatch(/18 done, 0 failed, 0 skipped/);
    // What was done to each resource, with the ARN AWS knows it by and how long it took.
    const id = account.credentials.accessKeyId;
    expect(r.stdout).toMatch(
      new RegExp(
        `\\n  created  topic teachme-alerts  arn:aws:sns:us-east-1:${id}:teachme-alerts  \\(\\d+\\.\\ds\\)\\n`,
      ),
    );
    expect(r.stdout).toContain(
      `  created  log group /teachme/app  arn:aws:logs:us-east-1:${id}:log-group:/teachme/app  (`,
    );
    expect(r.stdout).toContain(
      `  created  metric alarm teachme-errors  arn:aws:cloudwatch:us-east-1:${id}:alarm:teachme-errors  (`,
    );
    expect(r.stdout).toMatch(/\n {2}created {2}metric filter \/teachme\/app → \S+ {2}\(\d+\.\ds\)\n/);
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
