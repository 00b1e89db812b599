/**
 * A Metrics Insights alarm on the emulator, through the metric-math echo (ministack accepts the
 * Metrics[] of PutMetricAlarm and answers DescribeAlarms without them: test/README.md) and a
 * recording proxy: created, re-planned empty, its query changed in place, deleted with its file;
 * every CloudWatch request checked against botocore's model, and the PutMetricAlarm requests shown
 * to carry exactly one MetricDataQuery with the SQL, the period and ReturnData. And one made by hand
 * is imported as `query:` and `period:`, adopted, and re-plans empty.
 */
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { readdirSync, readFileSync, unlinkSync, writeFileSync } from 'fs';
import { parse } from 'yaml';
import { runCliCaptured } from '../harness/run-cli';
import * as path from 'path';
import { planStack } from '../../src/core';
import { renderText } from '../../src/render/text';
import { checkRequest, loadModel } from '../harness/api-model';
import { freshAccount, rawClients } from '../harness/emulator';
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

const proxies: RecordingProxy[] = [];
afterAll(async () => {
  removeStackDirs();
  for (const p of proxies) await p.stop();
});

const STACK = 'stack:\n  name: mi\n  region: us-east-1\n';
const QUERY = [
  'SELECT MAX(CPUUtilization)',
  'FROM SCHEMA("AWS/EC2", InstanceId)',
  "WHERE InstanceType != 't3.nano'",
  'GROUP BY InstanceId',
  'ORDER BY MAX() DESC',
  'LIMIT 10',
];
const alarmFile = (query: readonly string[], period: string) =>
  [
    'alarms:',
    '  - name: fleet-cpu-high',
    '    description: any instance of the fleet over 80% CPU',
    '    query: |',
    ...query.map((l) => `      ${l}`),
    `    period: ${period}`,
    "    threshold: '> 80'",
    '    evaluationPeriods: 3',
    '',
  ].join('\n');

test('a Metrics Insights alarm is created, re-plans empty, changes its query in place and is deleted with its file', async () => {
  const account = freshAccount();
  const proxy = await startRecordingProxy(account.endpoint);
  proxies.push(proxy);
  const dir = stackDir({ 'stack.yaml': STACK, 'fleet.yaml': alarmFile(QUERY, '5m') });
  const options = optionsFor(account, dir, { endpointUrl: proxy.endpoint });

  const { run } = await reconcile(options);
  expect(changeSummary(run)).toEqual(['create metricAlarm fleet-cpu-high']);
  const live = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['fleet-cpu-high'] }));
  expect(live.MetricAlarms?.[0]?.Metrics).toEqual([
    { Id: 'q1', Expression: QUERY.join('\n'), ReturnData: true, Period: 300 },
  ]);
  expect((await planStack(options)).plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);

  // A new query and period: one update of the alarm, in place, with the field that changed.
  const changed = [...QUERY.slice(0, 5), 'LIMIT 25'];
  writeFileSync(path.join(dir, 'fleet.yaml'), alarmFile(changed, '10m'));
  const { run: update } = await reconcile(options);
  expect(update.plan.changes.map((c) => [c.action, c.action === 'update' ? c.diffs.map((d) => d.path) : []])).toEqual([
    ['update', ['metrics.0.expression', 'metrics.0.period']],
  ]);
  // The query is shown as its lines, the changed one marked.
  const text = renderText(update.plan, { color: false });
  expect(text).toMatch(/^\s*- +LIMIT 10$/m);
  expect(text).toMatch(/^\s*\+ +LIMIT 25$/m);
  expect((await planStack(options)).plan.changes.filter((c) => c.action !== 'noop')).toEqual([]);

  unlinkSync(path.join(dir, 'fleet.yaml'));
  const { run: removal } = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(removal)).toEqual(['delete metricAlarm fleet-cpu-high']);
  const gone = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['fleet-cpu-high'] }));
  expect(gone.MetricAlarms).toEqual([]);

  const cw = loadModel('cloudwatch');
  const sent = proxy.requests().filter((r) => r.operation.startsWith('CloudWatch.'));
  const puts = sent
    .filter((r) => r.operation === 'CloudWatch.PutMetricAlarm')
    .map((r) => JSON.parse(r.raw) as Record<string, unknown>);
  expect(puts.map((p) => [p.Metrics, p.Namespace, p.MetricName, p.Period])).toEqual([
    [[{ Id: 'q1', Expression: QUERY.join('\n'), ReturnData: true, Period: 300 }], undefined, undefined, undefined],
    [[{ Id: 'q1', Expression: changed.join('\n'), ReturnData: true, Period: 600 }], undefined, undefined, undefined],
  ]);
  const violations = sent.flatMap((r) =>
    checkRequest(cw, r.operation.split('.')[1] as string, JSON.parse(r.raw || '{}') as unknown),
  );
  expect(violations).toEqual([]);
  expect(sent.length).toBeGreaterThan(5);
});

test('a Metrics Insights alarm made by hand is imported as query: and period:, adopted, and re-plans empty', async () => {
  const account = freshAccount();
  const query =
    'SELECT SUM(Errors)\nFROM SCHEMA("AWS/Lambda", FunctionName)\nGROUP BY FunctionName\nORDER BY SUM() DESC\nLIMIT 5';
  await rawClients(account).cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'fleet-lambda-errors',
      Metrics: [{ Id: 'q1', Expression: query, Period: 120, ReturnData: true }],
      Threshold: 3,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      EvaluationPeriods: 2,
    }),
  );
  const env = { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test' };
  const cli = (args: string[]) => runCliCaptured(args, { env });
  const out = path.join(stackDir({}), 'monitors');
  const imported = await cli([
    'import',
    '--out',
    out,
    '--stack',
    'mi',
    '--region',
    'us-east-1',
    '--endpoint-url',
    account.endpoint,
    '--alarm-prefix',
    'fleet-',
  ]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const texts = readdirTexts(out);
  const alarms = texts.flatMap((t) => ((parse(t) as { alarms?: unknown[] } | null)?.alarms ?? []) as unknown[]);
  expect(alarms).toEqual([
    { name: 'fleet-lambda-errors', query, period: '2m', threshold: '>= 3', evaluationPeriods: 2 },
  ]);
  expect(texts.join('\n')).toContain('query: |-\n');

  const plan = await cli(['plan', out, '--endpoint-url', account.endpoint, '--no-backtest', '--format', 'json']);
  expect(plan.stderr).toBe('');
  const changes = (JSON.parse(plan.stdout) as { changes: { action: string; name: string; diffs?: unknown[] }[] })
    .changes;
  // Adopted as it is: only the stack's ownership tag is added, the query and period already agree.
  expect(
    changes
      .filter((c) => c.action !== 'noop')
      .map((c) => [c.action, c.name, (c.diffs ?? []).map((d) => (d as { path: string }).path)]),
  ).toEqual([['adopt', 'fleet-lambda-errors', ['tags.monitors:stack']]]);
  const applied = await cli(['reconcile', out, '--endpoint-url', account.endpoint, '--no-backtest', '--yes']);
  expect(applied.code).toBe(0);
  const again = await cli(['plan', out, '--endpoint-url', account.endpoint, '--no-backtest']);
  expect(again.stdout).toContain('No changes.');
});

function readdirTexts(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .map((f) => readFileSync(path.join(dir, f), 'utf8'));
}

test('a saved plan with a Metrics Insights alarm applies as reviewed, then re-plans empty', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': STACK, 'fleet.yaml': alarmFile(QUERY, '5m') });
  const file = `${dir}.plan.json`;
  const env = { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const cli = (args: string[]) => runCliCaptured([...args, '--endpoint-url', account.endpoint], { env });
  const saved = await cli(['plan', '--no-backtest', '--save', file, dir]);
  expect(saved.code).toBe(0);
  expect(saved.stdout).toContain('SELECT MAX(CPUUtilization)');
  const applied = await cli(['apply', file]);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toMatch(/1 done/);
  const live = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['fleet-cpu-high'] }));
  expect(live.MetricAlarms?.[0]?.Metrics?.[0]?.Expression).toBe(QUERY.join('\n'));
  const again = await cli(['plan', '--no-backtest', dir]);
  expect(again.stdout).toContain('No changes.');
  unlinkSync(file);
});
