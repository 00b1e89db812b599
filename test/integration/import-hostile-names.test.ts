/**
 * Live names are anyone's: import prints what it leaves out, and a name holding a line break, an
 * escape or a workflow command must neither forge a line of that list nor reach the terminal raw
 * (issue 20).
 */
import { PutCompositeAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { freshAccount, rawClients } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';

const scratch = mkdtempSync(path.join(tmpdir(), 'monitors-import-hostile-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

test("import's Left out list spells out control characters and breaks up workflow commands in live names", async () => {
  const account = freshAccount();
  const { cloudwatch } = rawClients(account);
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'other-\u001b[31m\u202ealarm',
      Namespace: 'Evil',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  // One alarm import writes, so the list of what it left out is printed beside it.
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'evil-ok',
      Namespace: 'Evil',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  // Its rule names an alarm outside the selection: import leaves it out, naming it.
  await cloudwatch.send(
    new PutCompositeAlarmCommand({
      AlarmName: 'evil-\n::set-output name=x::y\u001b[31m\u202e',
      AlarmRule: 'ALARM("other-\u001b[31m\u202ealarm")',
    }),
  );
  const r = await runCliCaptured(
    [
      'import',
      '--out',
      path.join(scratch, 'monitors'),
      '--stack',
      'evil',
      '--region',
      account.region,
      '--endpoint-url',
      account.endpoint,
      '--alarm-prefix',
      'evil-',
    ],
    { env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test' } },
  );
  const out = r.stdout + r.stderr;
  expect(out).toContain('Left out');
  expect(r.stdout).toContain(
    'Left out (1), not written:\n  composite alarm evil-\\u000a::set-output name=x::y\\u202e: its rule',
  );
  expect(out).not.toContain('\u001b');
  expect(out).not.toContain('\u202e');
  expect(out).not.toMatch(/^\s*::/m);
});

test('a live alarm name longer than AWS allows (259 characters) is left out, and the rest is imported', async () => {
  const account = freshAccount();
  const { cloudwatch } = rawClients(account);
  const long = `long-${'a'.repeat(254)}`;
  for (const AlarmName of [long, 'long-ok'])
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName,
        Namespace: 'Long',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  const r = await runCliCaptured(
    [
      'import',
      '--out',
      path.join(scratch, 'long', 'monitors'),
      '--stack',
      'long',
      '--region',
      account.region,
      '--endpoint-url',
      account.endpoint,
      '--alarm-prefix',
      'long-',
    ],
    { env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test' } },
  );
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('Imported 1 resource(s)');
  expect(r.stdout).toContain(
    `Left out (1), not written:\n  metric alarm ${long}: its name is 259 characters, over the 255 AWS allows, so no file can declare it`,
  );
});
