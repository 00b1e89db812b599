/**
 * A stack in two accounts and three regions on the emulator, through the CLI: plan, apply, `No
 * changes.` in every target; a failure in one target (its apply lock held; credentials reaching the
 * wrong account) leaves the others applied and the summary names it. The second account is reached
 * the way a real run reaches it: sts:AssumeRole into a role of that account (the emulator's session
 * keys act in the role's account, which GetCallerIdentity confirms before anything is read).
 */
import { randomInt } from 'crypto';
import * as path from 'path';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { DescribeLogGroupsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { SSMClient } from '@aws-sdk/client-ssm';
import { acquireLock } from '../../src/apply/lock';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const base = freshAccount();
/** The second account: no keys of its own are ever used by the code under test, only its role. */
const other = String(randomInt(100_000_000_000, 999_999_999_999));

function stackFiles(threshold: number, extraTarget = ''): Record<string, string> {
  return {
    'stack.yaml': `stack:
  name: multi
  targets:
    - name: prod
      account: '${base.accountId}'
      regions: [us-east-1, eu-west-1]
    - name: staging
      account: '${other}'
      role: arn:aws:iam::${other}:role/monitors-apply
      regions: [us-west-2]
${extraTarget}
topics:
  - name: alerts-\${target.name}
logGroups:
  - name: /app/\${target.region}
    retention: 7d
  - name: /prod-only
    targets: [prod]
    retention: 14d
`,
    'app.yaml': `monitors:
  - name: errors-\${target.name}
    description: errors in \${target.region} of \${target.account}
    logGroup: /app/\${target.region}
    pattern: '%ERROR%'
    metric: App/Errors
    alarm: '>= ${threshold} in 1m'
    notify: alerts-\${target.name}
`,
  };
}

function cli(argv: string[]) {
  const env = {
    AWS_ACCESS_KEY_ID: base.credentials.accessKeyId,
    AWS_SECRET_ACCESS_KEY: 'test',
    NO_COLOR: '1',
  };
  return runCliCaptured([...argv, '--endpoint-url', base.endpoint], { env });
}

/** What exists in one account and region, read with plain clients outside the code under test. */
async function liveIn(accountId: string, region: string) {
  const account: TestAccount = {
    ...base,
    accountId,
    region,
    credentials: { accessKeyId: accountId, secretAccessKey: 't' },
  };
  const { logs, cloudwatch, sns } = rawClients(account);
  const groups = (await logs.send(new DescribeLogGroupsCommand({}))).logGroups ?? [];
  const alarms = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
  const topics = (await sns.send(new ListTopicsCommand({}))).Topics ?? [];
  return {
    logGroups: groups.map((g) => g.logGroupName).sort(),
    alarms: alarms.map((a) => ({
      name: a.AlarmName,
      actions: a.AlarmActions,
      description: a.AlarmDescription,
      threshold: a.Threshold,
    })),
    topics: topics.map((t) => t.TopicArn).sort(),
  };
}

const PLACES = [
  { name: 'prod', account: base.accountId, region: 'us-east-1' },
  { name: 'prod', account: base.accountId, region: 'eu-west-1' },
  { name: 'staging', account: other, region: 'us-west-2' },
] as const;

describe('a stack in two accounts and three regions', () => {
  const dir = stackDir(stackFiles(2));

  test('plans every target, applies them all, and each re-plans to No changes.', async () => {
    const planned = await cli(['plan', '--format', 'json', dir]);
    expect(planned.stderr).toBe('');
    expect(planned.code).toBe(0);
    const doc = JSON.parse(planned.stdout) as {
      formatVersion: number;
      stack: string;
      targets: { target: string; region: string; accountId: string; status: string; summary: { create: number } }[];
    };
    expect(doc.formatVersion).toBe(2);
    expect(doc.stack).toBe('multi');
    expect(doc.targets.map((t) => [t.target, t.region, t.accountId, t.status])).toEqual(
      PLACES.map((p) => [p.name, p.region, p.account, 'planned']),
    );
    // prod: topic, two log groups, filter, alarm; staging has no /prod-only.
    expect(doc.targets.map((t) => t.summary.create)).toEqual([5, 5, 4]);

    const applied = await cli(['reconcile', '--yes', dir]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Apply complete in 3 target(s): 3 applied, 0 unchanged, 0 failed.');

    for (const place of PLACES) {
      const live = await liveIn(place.account, place.region);
      const groups = [`/app/${place.region}`, ...(place.name === 'prod' ? ['/prod-only'] : [])].sort();
      expect(live.logGroups).toEqual(groups);
      const topic = `arn:aws:sns:${place.region}:${place.account}:alerts-${place.name}`;
      expect(live.topics).toEqual([topic]);
      expect(live.alarms).toEqual([
        {
          name: `errors-${place.name}`,
          actions: [topic],
          description: `errors in ${place.region} of ${place.account}`,
          threshold: 2,
        },
      ]);
    }

    const again = await cli(['plan', '--detailed-exitcode', dir]);
    expect(again.code).toBe(0);
    for (const place of PLACES)
      expect(again.stdout).toMatch(
        new RegExp(`^  ${place.name}/${place.region}\\s+${place.account}  No changes\\.$`, 'm'),
      );
    expect(again.stdout).toContain('3 target(s): 0 with changes, 3 unchanged.');
  });

  test('a target whose apply lock is held fails alone: the others are applied and the summary names it', async () => {
    const changed = stackDir(stackFiles(5));
    // Another apply of the stack holds staging's lock, in staging's account and region only.
    const ssm = new SSMClient({
      region: 'us-west-2',
      endpoint: base.endpoint,
      credentials: { accessKeyId: other, secretAccessKey: 't' },
    });
    const held = await acquireLock(ssm, {
      stack: 'multi',
      region: 'us-west-2',
      identity: { by: 'someone-else', host: 'ci', pid: 1 },
      ttlSeconds: 1800,
      waitSeconds: 0,
    });
    try {
      const r = await cli(['reconcile', '--yes', changed]);
      expect(r.code).toBe(1);
      expect(r.stdout).toContain(
        'Apply incomplete in 3 target(s): 2 applied, 0 unchanged, 1 failed (staging/us-west-2).',
      );
      expect(r.stdout).toMatch(/^ {2}staging\/us-west-2\s+FAILED LOCKED: .*someone-else/m);
    } finally {
      await held.release();
    }
    const thresholds = await Promise.all(
      PLACES.map(async (p) => (await liveIn(p.account, p.region)).alarms[0]?.threshold),
    );
    expect(thresholds).toEqual([5, 5, 2]);
    // Once the lock is free, only staging has something left to do.
    const after = await cli(['plan', '--format', 'json', changed]);
    const doc = JSON.parse(after.stdout) as { targets: { target: string; summary: { update: number } }[] };
    expect(doc.targets.map((t) => [t.target, t.summary.update])).toEqual([
      ['prod', 0],
      ['prod', 0],
      ['staging', 1],
    ]);
  });

  test("force-unlock removes one target's lock, named with --target, and only that one", async () => {
    const ssmIn = (id: string, region: string) =>
      new SSMClient({ region, endpoint: base.endpoint, credentials: { accessKeyId: id, secretAccessKey: 't' } });
    const hold = (id: string, region: string) =>
      acquireLock(ssmIn(id, region), {
        stack: 'multi',
        region,
        identity: { by: 'crashed-run', host: 'ci', pid: 1 },
        ttlSeconds: 1800,
        waitSeconds: 0,
      });
    await hold(other, 'us-west-2');
    const prodLock = await hold(base.accountId, 'eu-west-1');
    try {
      const unnamed = await cli(['force-unlock', '--yes', dir]);
      expect(unnamed.code).toBe(1);
      expect(unnamed.stderr).toBe(
        'Error: this stack has targets: name the one whose lock to remove with --target; its targets are prod/us-east-1, prod/eu-west-1, staging/us-west-2\n',
      );
      const r = await cli(['force-unlock', '--yes', '--target', 'staging/us-west-2', dir]);
      expect(r.code).toBe(0);
      expect(r.stdout).toContain('Removed the apply lock /monitors/multi/lock.');
      // staging's lock is gone (taking it again succeeds); prod's in eu-west-1 is still held.
      await (await hold(other, 'us-west-2')).release();
      await expect(hold(base.accountId, 'eu-west-1')).rejects.toMatchObject({ code: 'LOCKED' });
    } finally {
      await prodLock.release();
    }
  });

  test('credentials that reach another account than the target declares: that target fails, the others plan', async () => {
    const stranger = String(randomInt(100_000_000_000, 999_999_999_999));
    // The threshold the previous test left everywhere but staging, so only staging differs.
    const files = stackFiles(
      5,
      `    - name: wrong
      account: '${stranger}'
      regions: [us-east-2]`,
    );
    const r = await cli(['plan', stackDir(files)]);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('4 target(s): 1 with changes, 2 unchanged, 1 failed.');
    expect(r.stdout).toContain(
      `  wrong/us-east-2    ${stranger}  FAILED TARGET: the credentials for target wrong/us-east-2 reach account ${base.accountId}, not ${stranger}`,
    );
    // Nothing was created where the wrong target points (the base account's us-east-2).
    expect((await liveIn(base.accountId, 'us-east-2')).logGroups).toEqual([]);
  });
});

describe('a target reached through a profile (the SDK ini chain)', () => {
  const third = String(randomInt(100_000_000_000, 999_999_999_999));
  const saved = { creds: process.env.AWS_SHARED_CREDENTIALS_FILE, config: process.env.AWS_CONFIG_FILE };
  beforeAll(() => {
    // The emulator takes a 12-digit key id as the account: the profile's keys are the third account's.
    const awsDir = stackDir({
      credentials: `[monitors-third]\naws_access_key_id = ${third}\naws_secret_access_key = test\n`,
      config: '[profile monitors-third]\n',
    });
    process.env.AWS_SHARED_CREDENTIALS_FILE = path.join(awsDir, 'credentials');
    process.env.AWS_CONFIG_FILE = path.join(awsDir, 'config');
  });
  afterAll(() => {
    for (const [key, value] of [
      ['AWS_SHARED_CREDENTIALS_FILE', saved.creds],
      ['AWS_CONFIG_FILE', saved.config],
    ] as const)
      if (value === undefined) delete process.env[key];
      else process.env[key] = value;
  });

  test('plans and applies in the profile’s account while the run’s own keys reach another', async () => {
    const dir = stackDir({
      'stack.yaml': `stack:
  name: viaprofile
  targets:
    - name: own
      account: '${base.accountId}'
      regions: [ap-southeast-2]
    - name: third
      account: '${third}'
      profile: monitors-third
      regions: [ap-southeast-2]
logGroups:
  - name: /via/\${target.name}
`,
    });
    const r = await cli(['reconcile', '--yes', dir]);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('Apply complete in 2 target(s): 2 applied, 0 unchanged, 0 failed.');
    expect((await liveIn(third, 'ap-southeast-2')).logGroups).toEqual(['/via/third']);
    expect((await liveIn(base.accountId, 'ap-southeast-2')).logGroups).toEqual(['/via/own']);
  });
});
