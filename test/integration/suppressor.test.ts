/**
 * A composite alarm with `suppressedBy:` on the emulator: created after its suppressor, re-planned
 * empty, its wait period changed in place, then deleted; every CloudWatch request checked against
 * botocore's model. ministack accepts the ActionsSuppressor and does not return it (test/README.md,
 * emulator gaps): freshAccount() goes through harness/metric-math-echo.ts, which answers it back as
 * AWS does, and the raw emulator's answer is shown apart. A composite made by hand with a suppressor
 * is imported with suppressedBy:, adopted, and re-plans empty.
 */
import { DescribeAlarmsCommand, PutCompositeAlarmCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { readFileSync, writeFileSync } from 'fs';
import { parse } from 'yaml';
import { runCliCaptured } from '../harness/run-cli';
import * as path from 'path';
import { checkRequest, loadModel } from '../harness/api-model';
import { freshAccount, rawClients } from '../harness/emulator';
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy';
import { planStack } from '../../src/core';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

const proxies: RecordingProxy[] = [];
afterAll(async () => {
  removeStackDirs();
  for (const p of proxies) await p.stop();
});

const STACK =
  'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\nalarms:\n' +
  '  - name: db-down\n    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n' +
  '  - name: checkout-errors\n    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }\n    threshold: ">= 5"\n';
const page = (wait: string) =>
  'compositeAlarms:\n  - name: checkout-page\n    rule: ALARM(checkout-errors)\n    notify: oncall\n' +
  `    suppressedBy: { alarm: db-down, waitPeriod: ${wait}, extensionPeriod: 5m }\n`;

test('create with a suppressor, re-plan empty, change the wait period, update, remove the suppressor, delete; every request keeps to the model', async () => {
  const account = freshAccount('us-east-1');
  const proxy = await startRecordingProxy(account.endpoint);
  proxies.push(proxy);
  const dir = stackDir({ 'stack.yaml': STACK, 'composites.yaml': page('2m') });
  const options = optionsFor(account, dir, { endpointUrl: proxy.endpoint });
  const cloudwatch = rawClients(account).cloudwatch;
  const composite = async () =>
    (
      await cloudwatch.send(
        new DescribeAlarmsCommand({ AlarmNames: ['checkout-page'], AlarmTypes: ['CompositeAlarm'] }),
      )
    ).CompositeAlarms?.[0];

  const created = await reconcile(options);
  const order = created.run.plan.changes.map((c) => c.key.name);
  expect(order.indexOf('db-down')).toBeLessThan(order.indexOf('checkout-page'));
  const puts = () =>
    proxy
      .requests()
      .filter((r) => r.operation === 'CloudWatch.PutCompositeAlarm')
      .map((r) => JSON.parse(r.raw) as Record<string, unknown>);
  expect(
    puts().map((p) => [p.ActionsSuppressor, p.ActionsSuppressorWaitPeriod, p.ActionsSuppressorExtensionPeriod]),
  ).toEqual([['db-down', 120, 300]]);
  const live = await composite();
  expect([live?.ActionsSuppressor, live?.ActionsSuppressorWaitPeriod, live?.ActionsSuppressorExtensionPeriod]).toEqual([
    'db-down',
    120,
    300,
  ]);

  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(path.join(dir, 'composites.yaml'), page('3m'));
  const changed = await reconcile(options);
  const update = changed.run.plan.changes.find((c) => c.action !== 'noop');
  expect(update && 'diffs' in update ? [update.action, update.diffs.map((d) => d.path)] : update).toEqual([
    'update',
    ['actionsSuppressor.waitPeriod'],
  ]);
  expect(puts().at(-1)?.ActionsSuppressorWaitPeriod).toBe(180);
  expect((await composite())?.ActionsSuppressorWaitPeriod).toBe(180);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Without suppressedBy: PutCompositeAlarm overwrites the whole configuration, so the suppressor goes.
  writeFileSync(path.join(dir, 'composites.yaml'), page('3m').replace(/ {4}suppressedBy:.*\n/, ''));
  const unsuppressed = await reconcile(options);
  expect(changeSummary(unsuppressed.run)).toEqual(['update compositeAlarm checkout-page']);
  expect(puts().at(-1)?.ActionsSuppressor).toBeUndefined();
  expect((await composite())?.ActionsSuppressor).toBeUndefined();
  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(path.join(dir, 'composites.yaml'), '');
  const deleted = await reconcile(options);
  expect(changeSummary(deleted.run)).toEqual(['delete compositeAlarm checkout-page']);
  expect(await composite()).toBeUndefined();

  const cw = loadModel('cloudwatch');
  const requests = proxy.requests().filter((r) => r.operation.startsWith('CloudWatch.'));
  const violations = requests.flatMap((r) =>
    checkRequest(cw, r.operation.slice('CloudWatch.'.length), JSON.parse(r.raw || '{}') as unknown),
  );
  expect(violations).toEqual([]);
  expect([...new Set(requests.map((r) => r.operation))]).toEqual(
    expect.arrayContaining(['CloudWatch.PutMetricAlarm', 'CloudWatch.PutCompositeAlarm', 'CloudWatch.DeleteAlarms']),
  );
}, 120_000);

test('on the raw emulator the suppressor is accepted and not returned, so a re-plan there shows it as a change', async () => {
  const account = freshAccount('us-east-1', { raw: true });
  const options = optionsFor(account, stackDir({ 'stack.yaml': STACK, 'composites.yaml': page('2m') }));
  await reconcile(options);
  const out = await rawClients(account).cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmNames: ['checkout-page'], AlarmTypes: ['CompositeAlarm'] }),
  );
  expect(out.CompositeAlarms?.map((c) => [c.AlarmName, c.ActionsSuppressor])).toEqual([['checkout-page', undefined]]);
  const replan = await planStack(options);
  expect(changeSummary(replan)).toEqual(['update compositeAlarm checkout-page']);
}, 120_000);

test('a composite made by hand with a suppressor is imported with suppressedBy, adopted, and re-plans empty', async () => {
  const account = freshAccount('us-east-1');
  const { cloudwatch } = rawClients(account);
  for (const [name, metric] of [
    ['db-down', 'DbErrors'],
    ['checkout-errors', 'Errors'],
  ] as const)
    await cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: name,
        Namespace: 'Shop',
        MetricName: metric,
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
  await cloudwatch.send(
    new PutCompositeAlarmCommand({
      AlarmName: 'checkout-page',
      AlarmRule: 'ALARM(checkout-errors)',
      ActionsSuppressor: 'db-down',
      ActionsSuppressorWaitPeriod: 90,
      ActionsSuppressorExtensionPeriod: 60,
    }),
  );
  const env = { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const cli = (args: string[]) => runCliCaptured([...args, '--endpoint-url', account.endpoint], { env });
  const out = path.join(stackDir({}), 'monitors');
  const imported = await cli([
    'import',
    '--out',
    out,
    '--stack',
    'shop',
    '--region',
    'us-east-1',
    '--alarm-prefix',
    'c',
  ]);
  expect(imported.code).toBe(0);
  // A selection without the suppressor (db-down does not start with "c") leaves the composite out, saying why.
  expect(imported.stdout + imported.stderr).toContain('its actions are suppressed by "db-down", which is not imported');

  const all = await cli(['import', '--out', `${out}-all`, '--stack', 'shop', '--region', 'us-east-1', '--all']);
  expect(all.code).toBe(0);
  const composites = parse(readFileSync(path.join(`${out}-all`, 'composite-alarms.yaml'), 'utf8')) as {
    compositeAlarms: Record<string, unknown>[];
  };
  expect(composites.compositeAlarms).toEqual([
    { name: 'checkout-page', rule: 'ALARM(checkout-errors)', suppressedBy: { alarm: 'db-down', waitPeriod: '90s' } },
  ]);
  const plan = await cli(['plan', `${out}-all`, '--no-backtest', '--format', 'json']);
  const changes = (JSON.parse(plan.stdout) as { changes: { action: string; name: string }[] }).changes;
  expect(changes.map((c) => `${c.action} ${c.name}`).sort()).toEqual([
    'adopt checkout-errors',
    'adopt checkout-page',
    'adopt db-down',
  ]);
  expect((await cli(['reconcile', `${out}-all`, '--no-backtest', '--yes'])).code).toBe(0);
  expect((await cli(['plan', `${out}-all`, '--no-backtest'])).stdout).toContain('No changes.');
}, 120_000);
