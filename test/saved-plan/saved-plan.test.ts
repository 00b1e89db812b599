/**
 * Saved plans end to end against the emulator, through the CLI: plan --save, apply FILE, and every
 * refusal (live state changed, a file changed, an `${env:}` value changed, the file edited, another
 * account, another version), with what reached AWS counted where the refusal must come first.
 */
import { appendFileSync, readFileSync, statSync, writeFileSync } from 'fs';
import * as path from 'path';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { DeleteMetricFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { DeleteParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { setTimeout as sleep } from 'timers/promises';
import { lockParameterName } from '../../src/apply/lock';
import { startFaultProxy } from '../fault/fault-proxy';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { exampleCopy, removeStackDirs, stackDir } from '../integration/stack-dir';
import { serializeSavedPlan, type SavedPlan, type SavedPlanBody } from '../../src/saved-plan/format';

let counting: CountingEndpoint;
beforeAll(async () => {
  counting = await startCountingEndpoint();
});
afterAll(async () => {
  removeStackDirs();
  await counting.close();
});

function envFor(account: TestAccount, extra: Record<string, string> = {}): NodeJS.ProcessEnv {
  return { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1', ...extra };
}

function cli(account: TestAccount, argv: string[], extra: Record<string, string> = {}, endpoint = account.endpoint) {
  return runCliCaptured([...argv, '--endpoint-url', endpoint], { env: envFor(account, extra) });
}

/** The saved plan with `edit` applied and its checksum made right again, as a careful forger would. */
function forge(file: string, edit: (plan: SavedPlanBody) => SavedPlanBody): void {
  const { checksum: _, ...body } = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
  writeFileSync(file, serializeSavedPlan(edit(body)));
}

async function threshold(account: TestAccount, name: string): Promise<number | undefined> {
  const { cloudwatch } = rawClients(account);
  const out = await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return out.MetricAlarms?.[0]?.Threshold;
}

/** An alarm changed behind the tool's back, as a person in the console would. */
async function editAlarm(account: TestAccount, name: string, newThreshold: number): Promise<void> {
  const { cloudwatch } = rawClients(account);
  const a = (await cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }))).MetricAlarms?.[0];
  if (!a) throw new Error(`no alarm ${name}`);
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: a.AlarmName,
      AlarmDescription: a.AlarmDescription,
      MetricName: a.MetricName,
      Namespace: a.Namespace,
      Statistic: a.Statistic,
      Dimensions: a.Dimensions,
      Period: a.Period,
      EvaluationPeriods: a.EvaluationPeriods,
      DatapointsToAlarm: a.DatapointsToAlarm,
      Threshold: newThreshold,
      ComparisonOperator: a.ComparisonOperator,
      TreatMissingData: a.TreatMissingData,
      AlarmActions: a.AlarmActions,
      OKActions: a.OKActions,
      InsufficientDataActions: a.InsufficientDataActions,
      ActionsEnabled: a.ActionsEnabled,
    }),
  );
}

describe('plan --save, then apply FILE', () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);

  test('applies exactly the saved plan; a plan afterwards has no changes', async () => {
    const plan = await cli(account, ['plan', '--save', file, dir]);
    expect(plan.code).toBe(0);
    expect(plan.stderr).toContain(`Saved the plan to ${file}`);
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const saved = JSON.parse(readFileSync(file, 'utf8')) as SavedPlan;
    expect(saved.targets).toHaveLength(1);
    expect(saved.targets[0]?.accountId).toBe(account.accountId);
    expect(saved.targets[0]?.changes.filter((c) => c.action === 'create')).toHaveLength(18);
    expect(await threshold(account, 'teachme-errors')).toBeUndefined(); // plan wrote nothing

    const applied = await cli(account, ['apply', file]);
    expect(applied.code).toBe(0);
    expect(applied.stdout).toContain('Applied the saved plan');
    expect(applied.stdout).toMatch(/18 done/);
    expect(await threshold(account, 'teachme-errors')).toBe(2);

    const again = await cli(account, ['plan', '--detailed-exitcode', dir]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain('No changes.');
  });

  test('a plan whose resource changed in AWS since is refused, naming it and what changed; nothing applied', async () => {
    writeFileSync(
      path.join(dir, 'teachme-app.yaml'),
      readFileSync(path.join(dir, 'teachme-app.yaml'), 'utf8').replace("'>= 2 in 1m'", "'>= 3 in 1m'"),
    );
    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
    await editAlarm(account, 'teachme-errors', 9);

    const applied = await cli(account, ['apply', file]);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`${file} is stale: live state changed since the plan was made`);
    expect(applied.stderr).toContain('  metric alarm teachme-errors: threshold 2 → 9');
    expect(applied.stderr).toContain(`Nothing was applied. Make a new plan: monitors plan --save ${file}`);
    expect(await threshold(account, 'teachme-errors')).toBe(9);
  });

  test('every resource that moved is listed, also those the plan leaves alone, and those deleted', async () => {
    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
    await editAlarm(account, 'teachme-cpu-high', 70);
    const { logs } = rawClients(account);
    await logs.send(
      new DeleteMetricFilterCommand({ logGroupName: '/teachme/app', filterName: 'monitors.teachme.teachme-errors' }),
    );
    const applied = await cli(account, ['apply', file]);
    expect(applied.code).toBe(1);
    const listed = applied.stderr.split('\n').filter((l) => l.startsWith('  '));
    expect(listed.sort()).toEqual([
      '  metric alarm teachme-cpu-high: threshold 50 → 70',
      '  metric filter /teachme/app → monitors.teachme.teachme-errors: deleted since the plan',
    ]);
    expect(await threshold(account, 'teachme-errors')).toBe(9);
    // Put things back as the files say, for the next test.
    expect((await cli(account, ['reconcile', '--yes', dir])).code).toBe(0);
  });

  test('a plan whose file changed since is refused naming the file, before any AWS call', async () => {
    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
    appendFileSync(path.join(dir, 'ec2.yaml'), '\n# a comment is a change too\n');
    const before = counting.requests();
    const applied = await cli(account, ['apply', file], {}, counting.url);
    expect(applied.code).toBe(1);
    expect(applied.stderr).toContain(`${file} is stale: the files it was computed from changed`);
    expect(applied.stderr).toContain(`  ${path.join(dir, 'ec2.yaml')}: changed since the plan`);
    expect(counting.requests()).toBe(before);
  });
});

describe('what moves while apply waits for the lock', () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const file = `${dir}.plan.json`;
  const ssm = new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });

  test('refuses the whole plan under the lock, before any write', async () => {
    expect((await cli(account, ['reconcile', '--yes', dir])).code).toBe(0);
    const app = path.join(dir, 'teachme-app.yaml');
    writeFileSync(app, readFileSync(app, 'utf8').replace("'>= 2 in 1m'", "'>= 3 in 1m'"));
    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);

    // Another apply holds the stack's lock; this one waits for it behind a proxy that shows when.
    const lock = {
      by: 'carol',
      host: 'ci-7',
      pid: 1,
      acquiredAt: new Date().toISOString(),
      ttlSeconds: 600,
      token: 't',
    };
    await ssm.send(
      new PutParameterCommand({ Name: lockParameterName('teachme'), Value: JSON.stringify(lock), Type: 'String' }),
    );
    const proxy = await startFaultProxy({ target: account.endpoint });
    try {
      const applying = cli(account, ['apply', file, '--lock-timeout', '60s'], {}, proxy.endpoint);
      for (let i = 0; i < 300 && !(proxy.stats().forwarded['SSM.GetParameter'] ?? 0); i++) await sleep(100);
      expect(proxy.stats().forwarded['SSM.GetParameter']).toBeGreaterThan(0);
      await editAlarm(account, 'teachme-cpu-high', 70); // the other apply's work, say
      await ssm.send(new DeleteParameterCommand({ Name: lockParameterName('teachme') }));

      const applied = await applying;
      expect(applied.code).toBe(1);
      expect(applied.stderr).toContain(
        `${file} is stale: live state changed while the apply waited for the stack's lock:`,
      );
      expect(applied.stderr).toContain('  metric alarm teachme-cpu-high: threshold 50 → 70');
      expect(await threshold(account, 'teachme-errors')).toBe(2);
      const writes = Object.keys(proxy.stats().forwarded).filter((op) =>
        /\.(Put|Create|Delete|Tag|Untag|Set|Subscribe)/.test(op),
      );
      expect(writes.sort()).toEqual(['SSM.DeleteParameter', 'SSM.PutParameter']); // the lock, taken and released
    } finally {
      await proxy.stop();
    }
  });
});

describe('a saved plan that is not what it claims', () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const file = `${dir}.plan.json`;
  const apply = (endpoint = counting.url) => cli(account, ['apply', file], {}, endpoint);

  beforeEach(async () => {
    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
  });

  test('garbage, a truncated file or a JSON plan for reading: refused before any AWS call', async () => {
    const before = counting.requests();
    const text = readFileSync(file, 'utf8');
    writeFileSync(file, text.slice(0, text.length / 2));
    expect((await apply()).stderr).toContain(`${file} is not a valid saved plan: the file is not JSON`);
    writeFileSync(file, '\u0000\u001b[31mgarbage');
    expect((await apply()).stderr).toContain('is not JSON');
    const json = await cli(account, ['plan', '--format', 'json', dir]);
    writeFileSync(file, json.stdout);
    expect((await apply()).stderr).toContain('is a JSON plan for reading (plan --format json), not a saved plan');
    expect(counting.requests()).toBe(before);
  });

  test('an edited change is refused: by the checksum, and by the recomputed plan when the checksum is forged', async () => {
    const before = counting.requests();
    writeFileSync(file, readFileSync(file, 'utf8').replace('"threshold": 2', '"threshold": 200'));
    const edited = await apply();
    expect(edited.code).toBe(1);
    expect(edited.stderr).toContain('was modified after it was written (its checksum does not match');
    expect(counting.requests()).toBe(before);

    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
    forge(file, (p) => ({
      ...p,
      targets: p.targets.map((t) => ({ ...t, changes: t.changes.filter((c) => c.kind !== 'topic') })),
    }));
    const forged = await apply(account.endpoint);
    expect(forged.code).toBe(1);
    expect(forged.stderr).toContain('does not hold the plan its own files and live state give: it was edited');
    expect(await threshold(account, 'teachme-errors')).toBeUndefined();
  });

  test('another version of monitors, another stack, another account: refused, saying which', async () => {
    const before = counting.requests();
    forge(file, (p) => ({ ...p, tool: { ...p.tool, version: '0.9.0' } }));
    expect((await apply()).stderr).toMatch(/was made by monitors-as-code 0\.9\.0; this is monitors-as-code \d/);
    forge(file, (p) => ({ ...p, tool: { ...p.tool, version: '1.0.0' }, stack: 'payments' }));
    expect((await apply()).stderr).toContain(
      `is a plan of stack "payments"; the files in ${dir} declare stack "teachme"`,
    );
    expect(counting.requests()).toBe(before);

    expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
    const other = freshAccount();
    const wrong = await runCliCaptured(['apply', file, '--endpoint-url', account.endpoint], { env: envFor(other) });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain(
      `is a plan for account ${account.accountId}; these credentials are for account ${other.accountId}`,
    );
    expect(await threshold(account, 'teachme-errors')).toBeUndefined();
  });

  test('another region: refused before any AWS call', async () => {
    const before = counting.requests();
    forge(file, (p) => ({ ...p, targets: p.targets.map((t) => ({ ...t, region: 'eu-west-1' })) }));
    const r = await apply();
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`the region of ${file} eu-west-1 conflicts with the stack's region us-east-1`);
    expect(counting.requests()).toBe(before);
  });
});

describe('secrets in a saved plan', () => {
  const HOOK = 'https://127.0.0.1:9/services/T0/B0/SavedPlanTOKEN4242';
  const DESC = 'short-secret-77';
  const files = {
    'stack.yaml': 'stack:\n  name: hushed\n  region: us-east-1\n',
    'chat.yaml': [
      'topics:',
      '  - name: hushed-chat',
      '    subscriptions:',
      '      - https: ${env:HOOK}',
      'alarms:',
      '  - name: hushed-errors',
      '    description: ${env:DESC}',
      '    metric: { namespace: Hushed, name: Errors, stat: Sum }',
      "    threshold: '>= 1'",
      '    notify: hushed-chat',
      '',
    ].join('\n'),
  };
  const account = freshAccount();
  const dir = stackDir(files);
  const file = `${dir}.plan.json`;

  test('the file holds neither value in any form; apply with the same values works, with another is refused', async () => {
    const env = { HOOK, DESC };
    expect((await cli(account, ['plan', '--save', file, dir], env)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    for (const needle of ['SavedPlanTOKEN4242', '/services/T0', DESC, Buffer.from(DESC).toString('base64')]) {
      expect(text).not.toContain(needle);
      expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
    }
    expect(text).toContain('(sensitive)');

    const changed = await cli(account, ['apply', file], { HOOK, DESC: 'another-secret' }, counting.url);
    expect(changed.code).toBe(1);
    expect(changed.stderr).toContain('${env:DESC}: a different value than when the plan was made');
    expect(changed.stderr).not.toContain('another-secret');

    const applied = await cli(account, ['apply', file], env);
    expect(applied.code).toBe(0);
    const again = await cli(account, ['plan', '--detailed-exitcode', dir], env);
    expect(again.stdout).toContain('No changes.');
  });

  test('nor the live values it read: a plan that changes both secrets holds neither the old nor the new', async () => {
    const next = { HOOK: HOOK.replace('SavedPlanTOKEN4242', 'NextTOKEN5353'), DESC: 'next-secret-88' };
    expect((await cli(account, ['plan', '--save', file, dir], next)).code).toBe(0);
    const text = readFileSync(file, 'utf8');
    const saved = JSON.parse(text) as SavedPlan;
    // The live records hold the subscription and the alarm as read, and the changes both sides.
    expect(saved.targets[0]?.live.map((r) => r.kind).sort()).toEqual(['metricAlarm', 'subscription', 'topic']);
    expect(saved.targets[0]?.changes.filter((c) => c.action !== 'noop').length).toBeGreaterThanOrEqual(2);
    for (const needle of ['SavedPlanTOKEN4242', 'NextTOKEN5353', '/services/T0', DESC, next.DESC]) {
      expect(text.toLowerCase()).not.toContain(needle.toLowerCase());
    }
    const applied = await cli(account, ['apply', file], next);
    expect(applied.code).toBe(0);
    expect((await cli(account, ['plan', '--detailed-exitcode', dir], next)).code).toBe(0);
  });
});
