/**
 * Saved plans of a stack with targets (two regions of one account, one region of a second account
 * reached through a role), on the emulator through the CLI: plan --save writes one entry per target,
 * apply FILE applies every target and each re-plans to `No changes.`; live state moved in one target
 * refuses the whole file, naming the target and the resource, with nothing written in any target.
 */
import { randomInt } from 'crypto';
import { readFileSync } from 'fs';
import * as path from 'path';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand, PutRetentionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { setTimeout as sleep } from 'timers/promises';
import { SSMClient } from '@aws-sdk/client-ssm';
import { acquireLock } from '../../src/apply/lock';
import { startFaultProxy } from '../fault/fault-proxy';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import type { SavedPlan } from '../../src/saved-plan/format';

afterAll(removeStackDirs);

const base = freshAccount();
const other = String(randomInt(100_000_000_000, 999_999_999_999));

const PLACES = [
  { label: 'prod/us-east-1', account: base.accountId, region: 'us-east-1' },
  { label: 'prod/eu-west-1', account: base.accountId, region: 'eu-west-1' },
  { label: 'staging/us-west-2', account: other, region: 'us-west-2' },
] as const;

function stackFiles(threshold: number): Record<string, string> {
  return {
    'stack.yaml': `stack:
  name: saved-multi
  targets:
    - name: prod
      account: '${base.accountId}'
      regions: [us-east-1, eu-west-1]
    - name: staging
      account: '${other}'
      role: arn:aws:iam::${other}:role/monitors-apply
      regions: [us-west-2]
topics:
  - name: alerts-\${target.name}
logGroups:
  - name: /app/\${target.region}
    retention: 7d
`,
    'app.yaml': `monitors:
  - name: errors-\${target.name}
    logGroup: /app/\${target.region}
    pattern: '%ERROR%'
    metric: App/Errors
    alarm: '>= ${threshold} in 1m'
    notify: alerts-\${target.name}
`,
  };
}

function cli(argv: string[], endpoint = base.endpoint) {
  const env = { AWS_ACCESS_KEY_ID: base.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  return runCliCaptured([...argv, '--endpoint-url', endpoint], { env });
}

function clientsIn(place: (typeof PLACES)[number]) {
  const account: TestAccount = {
    ...base,
    accountId: place.account,
    region: place.region,
    credentials: { accessKeyId: place.account, secretAccessKey: 't' },
  };
  return rawClients(account);
}

/** The alarm's threshold and the log group's retention in one target, read outside the code under test. */
async function stateIn(place: (typeof PLACES)[number]) {
  const { cloudwatch, logs } = clientsIn(place);
  const alarms = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
  const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
  return {
    thresholds: alarms.map((a) => a.Threshold),
    retention: groups.map((g) => [g.logGroupName, g.retentionInDays]),
  };
}

async function planSummaries(dir: string) {
  const r = await cli(['plan', '--format', 'json', dir]);
  const doc = JSON.parse(r.stdout) as {
    targets: { target: string; region: string; summary: Record<string, number> }[];
  };
  return doc.targets.map((t) => [`${t.target}/${t.region}`, t.summary]);
}

describe('a saved plan of a stack in two accounts and three regions', () => {
  test('plan --save writes one entry per target; apply FILE applies each; each re-plans to No changes.', async () => {
    const dir = stackDir(stackFiles(2));
    const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
    const planned = await cli(['plan', '--save', file, dir]);
    expect(planned.stderr).toContain('Saved the plan to');
    expect(planned.code).toBe(0);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
    expect(saved.targets.map((t) => [`${t.target}/${t.region}`, t.accountId])).toEqual(
      PLACES.map((p) => [p.label, p.account]),
    );
    // topic, log group, filter, alarm in each
    for (const t of saved.targets) expect(t.changes.filter((c) => c.action === 'create')).toHaveLength(4);
    // Nothing written by the plan.
    for (const p of PLACES) expect((await stateIn(p)).thresholds).toEqual([]);

    const applied = await cli(['apply', file]);
    expect(applied.stderr).not.toContain('Error');
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete in 3 target(s): 3 applied, 0 unchanged, 0 failed.');
    for (const p of PLACES) expect((await stateIn(p)).thresholds).toEqual([2]);

    const again = await cli(['plan', '--detailed-exitcode', dir]);
    expect(again.code).toBe(0);
    for (const p of PLACES)
      expect(again.stdout).toMatch(new RegExp(`^  ${p.label}\\s+${p.account}  No changes\\.$`, 'm'));

    // A plan with nothing to do is saved and applied as such.
    const noop = await cli(['plan', '--save', file, dir]);
    expect(noop.code).toBe(0);
    const none = await cli(['apply', file]);
    expect(none.code).toBe(0);
    expect(none.stdout).toContain('already matches in every target');
  });

  test('live state moved in one target: the whole file is refused, naming it, and no target is written', async () => {
    const dir = stackDir(stackFiles(2));
    expect((await cli(['reconcile', '--yes', dir])).code).toBe(0);
    const changed = stackDir(stackFiles(5));
    const file = path.join(changed, '..', `${path.basename(changed)}.plan.json`);
    expect((await cli(['plan', '--save', file, changed])).code).toBe(0);
    const before = await Promise.all(PLACES.map(stateIn));

    // Someone changes the log group's retention in prod/eu-west-1 only.
    const eu = PLACES[1];
    await clientsIn(eu).logs.send(
      new PutRetentionPolicyCommand({ logGroupName: `/app/${eu.region}`, retentionInDays: 30 }),
    );

    const r = await cli(['apply', file]);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('is stale: live state changed since the plan was made');
    expect(r.stderr).toMatch(/^ {2}prod\/eu-west-1: log group \/app\/eu-west-1: .*7.*30/m);
    expect(r.stderr).not.toContain('prod/us-east-1:');
    expect(r.stderr).not.toContain('staging/us-west-2:');
    expect(r.stderr).toContain('Nothing was applied in any target');
    expect(r.stdout).toBe('');

    const after = await Promise.all(PLACES.map(stateIn));
    expect(after.map((s) => s.thresholds)).toEqual([[2], [2], [2]]);
    expect(after[0]).toEqual(before[0]);
    expect(after[2]).toEqual(before[2]);
    expect(after[1]?.retention).toEqual([[`/app/${eu.region}`, 30]]);

    // The others still plan the update; nothing of the saved plan was applied anywhere.
    const summaries = await planSummaries(changed);
    expect(summaries.map(([label, s]) => [label, (s as Record<string, number>).update])).toEqual([
      ['prod/us-east-1', 1],
      ['prod/eu-west-1', 2],
      ['staging/us-west-2', 1],
    ]);
  });

  test('live state moved in one target while it waits for its own lock: that target is refused alone', async () => {
    const dir = stackDir(stackFiles(2));
    expect((await cli(['reconcile', '--yes', dir])).code).toBe(0);
    const changed = stackDir(stackFiles(5));
    const file = path.join(changed, '..', `${path.basename(changed)}.plan.json`);
    expect((await cli(['plan', '--save', file, changed])).code).toBe(0);
    const staging = PLACES[2];
    const held = await acquireLock(
      new SSMClient({
        region: staging.region,
        endpoint: base.endpoint,
        credentials: { accessKeyId: staging.account, secretAccessKey: 't' },
      }),
      {
        stack: 'saved-multi',
        region: staging.region,
        identity: { by: 'someone-else', host: 'ci', pid: 1 },
        ttlSeconds: 1800,
        waitSeconds: 0,
      },
    );
    let released = false;
    try {
      const applying = cli(['apply', file, '--lock-timeout', '60s']);
      // prod's targets are applied while staging waits for its lock.
      for (let i = 0; i < 300; i++) {
        const prod = await Promise.all(PLACES.slice(0, 2).map(stateIn));
        if (prod.every((p) => p.thresholds[0] === 5)) break;
        await sleep(100);
      }
      const { cloudwatch } = clientsIn(staging);
      const a = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms?.[0];
      if (!a) throw new Error('no alarm in staging');
      await cloudwatch.send(
        new PutMetricAlarmCommand({
          AlarmName: a.AlarmName,
          AlarmDescription: a.AlarmDescription,
          MetricName: a.MetricName,
          Namespace: a.Namespace,
          Statistic: a.Statistic,
          Period: a.Period,
          EvaluationPeriods: a.EvaluationPeriods,
          DatapointsToAlarm: a.DatapointsToAlarm,
          Threshold: 9,
          ComparisonOperator: a.ComparisonOperator,
          TreatMissingData: a.TreatMissingData,
          AlarmActions: a.AlarmActions,
          ActionsEnabled: a.ActionsEnabled,
        }),
      );
      await held.release();
      released = true;
      const r = await applying;
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        'Apply incomplete in 3 target(s): 2 applied, 0 unchanged, 1 failed (staging/us-west-2).',
      );
      expect(r.stdout).toMatch(/^ {2}staging\/us-west-2\s+FAILED SAVED_PLAN_STALE: .*errors-staging: threshold 2 → 9/m);
    } finally {
      if (!released) await held.release();
    }
    expect((await Promise.all(PLACES.map(stateIn))).map((s) => s.thresholds)).toEqual([[5], [5], [9]]);
  });

  test('a target that cannot be planned again at apply time: nothing is applied in any target', async () => {
    const dir = stackDir(stackFiles(2));
    expect((await cli(['reconcile', '--yes', dir])).code).toBe(0);
    const changed = stackDir(stackFiles(7));
    const file = path.join(changed, '..', `${path.basename(changed)}.plan.json`);
    expect((await cli(['plan', '--save', file, changed])).code).toBe(0);
    // Only staging is reached through a role: denying AssumeRole fails staging alone.
    const proxy = await startFaultProxy({
      target: base.endpoint,
      denyOperations: { 'STS.AssumeRole': 'AccessDenied' },
    });
    try {
      const r = await cli(['apply', file], proxy.endpoint);
      expect(r.code).toBe(1);
      expect(r.stderr).toContain('cannot be applied: a target could not be planned again:');
      expect(r.stderr).toMatch(/^ {2}staging\/us-west-2: .*AccessDenied/m);
      expect(r.stderr).toContain('Nothing was applied in any target');
      const writes = Object.keys(proxy.stats().forwarded).filter((op) =>
        /\.(Put|Create|Delete|Tag|Untag|Set|Subscribe)/.test(op),
      );
      expect(writes).toEqual([]);
    } finally {
      await proxy.stop();
    }
    expect((await Promise.all(PLACES.map(stateIn))).map((s) => s.thresholds)).toEqual([[2], [2], [2]]);
  });

  test('a target that cannot be planned at plan time: nothing is saved, and the message names it', async () => {
    const files = stackFiles(2);
    // A target declared in an account the run's credentials do not reach (and no role to get there).
    const stranger = String(randomInt(100_000_000_000, 999_999_999_999));
    files['stack.yaml'] = (files['stack.yaml'] ?? '').replace(
      'topics:',
      `    - name: wrong\n      account: '${stranger}'\n      regions: [us-east-2]\ntopics:`,
    );
    const dir = stackDir(files);
    const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
    const r = await cli(['plan', '--save', file, dir]);
    expect(r.code).not.toBe(0);
    expect(r.stderr).toContain('the plan of wrong/us-east-2 failed');
    expect(r.stderr).toContain('was not saved');
    expect(() => readFileSync(file)).toThrow();
  });
});
