/**
 * A Metrics Insights alarm where other features meet it: `monitors test` says it cannot tell (the
 * simulator cannot run SQL) while the stack's other alarms are still simulated; the backtest skips it
 * with the reason; the cost estimate says its count is a floor; the live checks read no series for
 * it (so never a false NO_SUCH_SERIES); and a query cannot come from `${env:}` (it is shown in plans).
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { backtestPlan } from '../../src/backtest/hook';
import { planStack } from '../../src/core';
import { estimateCost } from '../../src/cost/estimate';
import { metricAlarmLive } from '../../src/kinds/metric-alarm/live';
import type { MetricAlarmSpec } from '../../src/kinds/specs';
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { optionsFor, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const STACK = 'stack:\n  name: mi\n  region: us-east-1\ntopics:\n  - name: mi-alerts\n';
const ALARMS = `alarms:
  - name: fleet-cpu
    notify: mi-alerts
    query: |
      SELECT MAX(CPUUtilization)
      FROM SCHEMA("AWS/EC2", InstanceId)
      GROUP BY InstanceId
      ORDER BY MAX() DESC
      LIMIT 10
    period: 5m
    threshold: '> 80'
  - name: one-host
    notify: mi-alerts
    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Maximum, dimensions: { InstanceId: i-1 } }
    threshold: '> 80'
`;
const TESTS = `tests:
  - name: the plain alarm is simulated
    datapoints:
      - metric: AWS/EC2/CPUUtilization
        dimensions: { InstanceId: i-1 }
        points: ['+0s 95']
    expect:
      alarms:
        - { alarm: one-host, at: +1m, state: ALARM }
  - name: the Metrics Insights alarm cannot be
    datapoints:
      - metric: AWS/EC2/CPUUtilization
        dimensions: { InstanceId: i-1 }
        points: ['+0s 95']
    expect:
      alarms:
        - { alarm: fleet-cpu, at: +5m, state: ALARM }
`;

test('monitors test: the Metrics Insights alarm cannot be told, with the reason; the other alarm is simulated', async () => {
  const dir = stackDir({ 'stack.yaml': STACK, 'alarms.yaml': ALARMS });
  mkdirSync(path.join(dir, 'tests'));
  writeFileSync(path.join(dir, 'tests', 'fleet.yaml'), TESTS);
  const r = await runCliCaptured(['test', dir]);
  expect(r.code).toBe(1);
  expect(r.stdout).toContain('  ok      the plain alarm is simulated');
  expect(r.stdout).toContain('  FAILED  the Metrics Insights alarm cannot be');
  expect(r.stdout).toMatch(
    /cannot tell: alarm fleet-cpu: its Metrics Insights query \(SELECT …\) is SQL that CloudWatch runs over whichever metrics match it at each evaluation; the simulator cannot evaluate it/,
  );
  expect(r.stdout).toContain('Rule tests: 1 passed, 1 failed');
});

test('the backtest skips a new Metrics Insights alarm with the reason, and the plan goes on', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': STACK, 'alarms.yaml': ALARMS });
  const options = optionsFor(account, dir);
  const run = await planStack(options);
  const outcome = await backtestPlan(run, options, {
    now: Date.now(),
    metricPacer: async () => {},
    limits: { sinceSeconds: 86400, maxMetrics: 10, maxLogBytes: 0, maxLogEvents: 0 },
  });
  if (!outcome || !('report' in outcome)) throw new Error('no report');
  expect(outcome.report.entries.find((e) => e.alarm === 'fleet-cpu')).toEqual(
    expect.objectContaining({
      status: 'skipped',
      reason: expect.stringContaining('is a Metrics Insights query (SQL)') as unknown,
    }),
  );
  expect(outcome.report.entries.find((e) => e.alarm === 'one-host')?.status).toBe('done');

  // The cost: one metric at the standard rate, said to be a floor.
  const cost = estimateCost(run.plan);
  expect(cost.assumptions).toEqual(
    expect.arrayContaining([
      expect.stringMatching(/^a Metrics Insights alarm is billed per metric its query analyzes/),
    ]),
  );
});

test('the live checks read no series for a Metrics Insights alarm: nothing to call missing', () => {
  const spec = {
    kind: 'metricAlarm',
    metrics: [{ id: 'q1', expression: 'SELECT AVG(X) FROM "N"', returnData: true, period: 300 }],
  } as unknown as MetricAlarmSpec;
  expect(metricAlarmLive.reads?.(spec)).toEqual([]);
  expect(metricAlarmLive.bills?.(spec)).toEqual([
    expect.objectContaining({
      item: 'standardAlarmMetric',
      count: 1,
      assumption: expect.stringContaining('a floor') as unknown,
    }),
  ]);
});

test('a query cannot come from ${env:}: refused at its place, the value never printed', async () => {
  const secret = 'team-canary-7f3a';
  const dir = stackDir({
    'stack.yaml': STACK,
    'alarms.yaml': `alarms:\n  - name: fleet-cpu\n    notify: mi-alerts\n    query: SELECT MAX(CPUUtilization) FROM "AWS/EC2" WHERE Team = '\${env:MI_TEAM}'\n    threshold: '> 80'\n`,
  });
  const r = await runCliCaptured(['validate', dir], { env: { MI_TEAM: secret } });
  expect(r.code).not.toBe(0);
  expect(r.stdout + r.stderr).toContain('alarms.yaml:4:12: error SCHEMA: alarms.0.query cannot come from ${env:}');
  expect(r.stdout + r.stderr).not.toContain(secret);
});
