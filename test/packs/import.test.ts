/**
 * `monitors import` notices hand-made alarms that are AWS's recommended alarms of a service and
 * offers the pack instead of one copy per resource (a note; the files are written as before).
 */
import { mkdtempSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { packSuggestions } from '../../src/kinds/pack/suggest';
import type { MetricAlarmSpec } from '../../src/kinds/specs';
import { freshAccount, rawClients } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

test('import of hand-made Lambda Errors and Throttles alarms suggests the lambda pack', async () => {
  const account = freshAccount();
  const { cloudwatch } = rawClients(account);
  const alarm = (name: string, metric: string, fn: string) =>
    cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'AWS/Lambda',
        MetricName: metric,
        Dimensions: [{ Name: 'FunctionName', Value: fn }],
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 3,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
      }),
    );
  await alarm('cart-errors', 'Errors', 'cart');
  await alarm('checkout-errors', 'Errors', 'checkout');
  await alarm('checkout-throttles', 'Throttles', 'checkout');
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'custom',
      Namespace: 'Shop',
      MetricName: 'Orders',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 1,
      ComparisonOperator: 'LessThanThreshold',
    }),
  );
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'monitors-import-packs-')), 'monitors');
  dirs.push(path.dirname(out));
  const run = await runCliCaptured(
    ['import', '--out', out, '--stack', 'shop', '--region', 'us-east-1', '--endpoint-url', account.endpoint, '--all'],
    { env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test' } },
  );
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toContain("Note: some alarms read are AWS's recommended alarms");
  expect(run.stdout).toContain("3 alarm(s) are AWS's recommended Errors, Throttles for 2 functions (cart, checkout)");
  expect(run.stdout).toContain('      - service: lambda\n        select: { names: [cart, checkout] }');
  expect(run.stdout).not.toContain('service: sqs');
});

test('an alarm a pack made, or one on other dimensions, is not offered', () => {
  const spec = (dimensions: Record<string, string>, tags: Record<string, string> = {}): MetricAlarmSpec => ({
    kind: 'metricAlarm',
    name: 'x',
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    metric: { namespace: 'AWS/Lambda', metricName: 'Errors', dimensions, period: 60, statistic: 'Sum' },
    threshold: 1,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    tags,
  });
  expect(packSuggestions([spec({ FunctionName: 'a' })]).map((s) => s.service)).toEqual(['lambda']);
  expect(packSuggestions([spec({ FunctionName: 'a' }, { 'monitors:pack': 'lambda' })])).toEqual([]);
  expect(packSuggestions([spec({ FunctionName: 'a', Resource: 'a:live' })])).toEqual([]);
  expect(packSuggestions([spec({})])).toEqual([]);
});
