/**
 * stack.formerNames is for a stack that was renamed, never for one that is still alive (issue 20): a
 * stack "thief" naming the live stack "billing" as its former name is refused, naming what billing
 * still owns or its held lock, and nothing is written. A real rename is unaffected (rename.test.ts).
 */
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { planStack } from '../../src/core';
import { MonitorsError } from '../../src/model';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const alarm = (name: string, threshold: number) =>
  `  - name: ${name}\n    metric: { namespace: Billing, name: ${name}, stat: Sum }\n    threshold: '>= ${threshold}'\n`;
const stack = (name: string, former: string, alarms: string) =>
  `stack:\n  name: ${name}\n${former}  region: us-east-1\nalarms:\n${alarms}`;

async function billingLive(account: TestAccount): Promise<TestAccount> {
  const dir = stackDir({ 'stack.yaml': stack('billing', '', alarm('billing-cpu', 5) + alarm('billing-mem', 5)) });
  await reconcile(optionsFor(account, dir));
  return account;
}

/** Each alarm's threshold and owner tag, as AWS has them. */
async function alarms(account: TestAccount): Promise<string[]> {
  const { cloudwatch } = rawClients(account);
  const out = await cloudwatch.send(new DescribeAlarmsCommand({}));
  return Promise.all(
    (out.MetricAlarms ?? []).map(async (a) => {
      const tags = await cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: a.AlarmArn }));
      const owner = tags.Tags?.find((t) => t.Key === 'monitors:stack')?.Value;
      return `${a.AlarmName} ${a.Threshold} ${owner}`;
    }),
  ).then((l) => l.sort());
}

async function refusal(account: TestAccount, dir: string): Promise<MonitorsError> {
  const err = await planStack(optionsFor(account, dir)).then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof MonitorsError)) throw new Error(`expected a refusal, got ${String(err)}`);
  return err;
}

test('a stack naming a live stack in formerNames is refused, naming what it still owns; nothing is written', async () => {
  const account = await billingLive(freshAccount());
  const before = await alarms(account);
  expect(before).toEqual(['billing-cpu 5 billing', 'billing-mem 5 billing']);
  // thief takes billing-cpu over (threshold to 1000) and leaves billing-mem out, which the plan would delete.
  const dir = stackDir({ 'stack.yaml': stack('thief', '  formerNames: [billing]\n', alarm('billing-cpu', 1000)) });
  const err = await refusal(account, dir);
  expect(err.code).toBe('GUARD_REFUSED');
  expect(err.message).toContain('"billing": it still owns 1 resource(s) these files leave out');
  expect(err.message).toContain('metric alarm billing-mem');
  expect(await alarms(account)).toEqual(before);
});

test('a former name whose apply lock is held is refused, naming the holder', async () => {
  const account = await billingLive(freshAccount());
  // thief declares everything billing owns, but billing is applying right now.
  const ssm = new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
  const lock = {
    by: 'carol',
    host: 'ci-7',
    pid: 42,
    acquiredAt: new Date().toISOString(),
    ttlSeconds: 1800,
    token: 't',
  };
  await ssm.send(
    new PutParameterCommand({ Name: '/monitors/billing/lock', Value: JSON.stringify(lock), Type: 'String' }),
  );
  const dir = stackDir({
    'stack.yaml': stack('thief', '  formerNames: [billing]\n', alarm('billing-cpu', 5) + alarm('billing-mem', 5)),
  });
  const err = await refusal(account, dir);
  expect(err.message).toContain('"billing": its apply lock is held (carol on ci-7 (pid 42)');
  expect(await alarms(account)).toEqual(['billing-cpu 5 billing', 'billing-mem 5 billing']);
});

test('printing a policy with former names says so on stderr', async () => {
  const dir = stackDir({ 'stack.yaml': stack('thief', '  formerNames: [billing]\n', alarm('thief-cpu', 5)) });
  const r = await runCliCaptured(['iam-policy', '--mode', 'apply', '--account-id', '123456789012', dir]);
  expect(r.code).toBe(0);
  expect(r.stderr).toContain('Note: stack.formerNames (billing): this policy also lets the stack re-tag and delete');
  expect(JSON.parse(r.stdout)).toBeTruthy();
});
