/**
 * The backtest against the emulator: known metric data over two weeks and known log events go in
 * through the real SDK, thresholds change, and the counts must be the ones worked out by hand below
 * from the data put (never read from the output).
 */
import { PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { backtestPlan } from '../../src/backtest/hook';
import type { BacktestEntry, BacktestReport } from '../../src/backtest';
import { planStack } from '../../src/core';
import { freshAccount, rawClients } from '../harness/emulator';
import { optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { writeFileSync } from 'fs';
import * as path from 'path';

afterAll(removeStackDirs);

const MIN = 60_000;
const P = 5 * MIN;
const DAY = 86_400_000;
const noPause = async () => {};

function stack(alarm: string): Record<string, string> {
  return {
    'stack.yaml': 'stack:\n  name: bt\n  region: us-east-1\n',
    'alarms.yaml': `alarms:\n${alarm}`,
  };
}

const CURRENT = `  - name: bt-latency
    metric: { namespace: BT, name: Latency, stat: Maximum, period: 5m, dimensions: { Service: api } }
    threshold: '> 5'
    evaluationPeriods: 1
    treatMissingData: breaching
`;
const NEW = `  - name: bt-latency
    metric: { namespace: BT, name: Latency, stat: Maximum, period: 5m, dimensions: { Service: api } }
    threshold: '> 8'
    evaluationPeriods: 3
    datapointsToAlarm: 2
    treatMissingData: notBreaching
`;

function done(report: BacktestReport, name: string): Extract<BacktestEntry, { status: 'done' }> {
  const e = report.entries.find((x) => x.alarm === name);
  if (e?.status !== 'done') throw new Error(`${name} was not backtested: ${JSON.stringify(e)}`);
  return e;
}

describe('metric history over two weeks', () => {
  const account = freshAccount();
  // The window ends at the next 5-minute boundary: 4032 periods k = 0..4031 start at FROM + k * 5 min.
  // (Not the last one: the emulator drops datapoints older than two weeks, test/README.md.)
  const NOW = Math.ceil(Date.now() / P) * P;
  const FROM = NOW - 14 * DAY;
  /**
   * Every period holds one datapoint of 1, except: A = periods 100-102 at 10; B = 1000 at 10;
   * C = 2000 and 2002 at 10 (2001 stays 1); D = 3000-3005 at 6; and no datapoint at all in 3500-3519.
   */
  const value = (k: number): number | undefined =>
    k >= 3500 && k <= 3519
      ? undefined
      : [100, 101, 102, 1000, 2000, 2002].includes(k)
        ? 10
        : k >= 3000 && k <= 3005
          ? 6
          : 1;

  beforeAll(async () => {
    const data: MetricDatum[] = [];
    for (let k = 0; k < 4032; k++) {
      const v = value(k);
      if (v === undefined) continue;
      // Mid-period, so the datapoint cannot fall on the other side of a boundary.
      data.push({
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Service', Value: 'api' }],
        Timestamp: new Date(FROM + k * P + 2 * MIN),
        Value: v,
      });
    }
    const cw = rawClients(account).cloudwatch;
    for (let i = 0; i < data.length; i += 1000) {
      await cw.send(new PutMetricDataCommand({ Namespace: 'BT', MetricData: data.slice(i, i + 1000) }));
    }
  });

  test('the new threshold with 2 of 3 and notBreaching, against the live one with 1 of 1 and breaching', async () => {
    const dir = stackDir(stack(CURRENT));
    await reconcile(optionsFor(account, dir));
    writeFileSync(path.join(dir, 'alarms.yaml'), `alarms:\n${NEW}`);
    const options = optionsFor(account, dir);
    const run = await planStack(options);
    const outcome = await backtestPlan(run, options, { now: NOW + 30_000, metricPacer: noPause });
    if (!outcome || !('report' in outcome)) throw new Error(`no report: ${JSON.stringify(outcome)}`);
    const e = done(outcome.report, 'bt-latency');
    expect([e.from, e.to, e.series.length]).toEqual([FROM, NOW, 4032]);

    // New (> 8, 2 of the last 3, missing = not breaching):
    //   A: at the end of 101 two of 99-101 breach -> ALARM through 103 (101-103 hold two), OK at 104: 3 periods.
    //   B: one breach never makes two of three. C: 2000 and 2002 make two of 2000-2002 -> ALARM at 2002 only.
    //   D: 6 is not > 8. The gap: every evaluation still finds 3 real datapoints or treats the rest as not breaching.
    expect(e.next).toMatchObject({
      fired: 2,
      msInAlarm: 4 * P,
      lastFired: FROM + 2003 * P,
      endState: 'OK',
      missingPeriods: 20,
    });
    // Current (> 5, 1 of 1, missing = breaching): A (1, 3 periods), B (1, 1), C (2, 2), D (1, 6), and the gap:
    // the range of an evaluation is 3 periods, so from the end of 3502 to 3519 it holds no datapoint and
    // missing counts as breaching (1, 18 periods). 6 times, 30 periods, last at the end of 3502.
    expect(e.current).toMatchObject({
      fired: 6,
      msInAlarm: 30 * P,
      lastFired: FROM + 3503 * P,
      endState: 'OK',
      missingPeriods: 20,
    });
    expect(e.series[100]?.value).toBe(10);
    expect(e.series[3510]?.value).toBeNull();
    // One metric: both definitions read the same series; 4032 points fit one call.
    expect(outcome.report.cost).toMatchObject({ metricsRequested: 1, getMetricDataCalls: 1, logBytesRead: 0 });
  });

  test('the budget skips what would pass --max-metrics, and says so', async () => {
    const dir = stackDir(stack(NEW));
    const options = optionsFor(account, dir);
    const run = await planStack(options);
    const outcome = await backtestPlan(run, options, {
      now: NOW,
      metricPacer: noPause,
      limits: { sinceSeconds: 14 * 86400, maxMetrics: 0, maxLogBytes: 0, maxLogEvents: 0 },
    });
    if (!outcome || !('report' in outcome)) throw new Error('no report');
    expect(outcome.report.entries).toEqual([
      expect.objectContaining({
        status: 'skipped',
        alarm: 'bt-latency',
        reason: expect.stringContaining('--max-metrics 0'),
      }),
    ]);
    expect(outcome.report.cost.getMetricDataCalls).toBe(0);
  });
});

describe('a new log-based monitor', () => {
  const account = freshAccount();
  const NOW = Math.floor(Date.now() / MIN) * MIN;
  const BASE = NOW - 120 * MIN;
  // Minute 10: three ERROR lines; minute 11: one ERROR and one INFO; minute 30: two ERROR; minute 31: INFO.
  const events = [
    [10, 'ERROR a'],
    [10, 'ERROR b'],
    [10, 'ERROR c'],
    [11, 'ERROR d'],
    [11, 'INFO e'],
    [30, 'ERROR f'],
    [30, 'ERROR g'],
    [31, 'INFO h'],
  ] as const;
  const files = {
    'stack.yaml': 'stack:\n  name: btlog\n  region: us-east-1\n',
    'monitors.yaml': `logGroups:
  - name: /bt/app
monitors:
  - name: btlog-errors
    logGroup: /bt/app
    pattern: '%ERROR%'
    metric: BT/Errors
    alarm: '>= 2 in 1m'
`,
  };

  beforeAll(async () => {
    const logs = rawClients(account).logs;
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/bt/app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/bt/app', logStreamName: 's' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/bt/app',
        logStreamName: 's',
        logEvents: events.map(([m, message], i) => ({ timestamp: BASE + m * MIN + i * 1000, message })),
      }),
    );
  });

  test('replays the log group through the new pattern with our engine, per minute', async () => {
    const options = optionsFor(account, stackDir(files));
    const run = await planStack(options);
    const outcome = await backtestPlan(run, options, { now: NOW, logPacer: noPause, metricPacer: noPause });
    if (!outcome || !('report' in outcome)) throw new Error('no report');
    const e = done(outcome.report, 'btlog-errors');
    expect(e.source).toBe('logs');
    expect(e.current).toBeUndefined();
    // Sum per minute >= 2, 1 of 1: minute 10 (3) and minute 30 (2) alarm, minutes 11 (1) and 31 (0, the
    // filter's default for a minute with events and no match) end each: 2 times, 2 minutes.
    expect(e.next).toMatchObject({
      fired: 2,
      msInAlarm: 2 * MIN,
      lastFired: BASE + 31 * MIN,
      endState: 'INSUFFICIENT_DATA',
    });
    const bytes = events.reduce((n, [, m]) => n + m.length, 0);
    expect(outcome.report.cost).toMatchObject({
      logEventsRead: 8,
      logBytesRead: bytes,
      metricsRequested: 0,
      getMetricDataCalls: 0,
    });
  });

  test('an event cap cuts the window where the events end, and says so', async () => {
    const options = optionsFor(account, stackDir(files));
    const run = await planStack(options);
    const outcome = await backtestPlan(run, options, {
      now: NOW,
      logPacer: noPause,
      metricPacer: noPause,
      limits: { sinceSeconds: 14 * 86400, maxMetrics: 500, maxLogBytes: 1_000_000, maxLogEvents: 4 },
    });
    if (!outcome || !('report' in outcome)) throw new Error('no report');
    const e = done(outcome.report, 'btlog-errors');
    // The first 4 events end at minute 11: only periods before minute 11 are replayed, so one alarm.
    expect(e.to).toBe(BASE + 11 * MIN);
    expect(e.next.fired).toBe(1);
    expect(e.notes.join(' ')).toContain('--max-log-events 4');
    expect(outcome.report.cost.logEventsRead).toBe(4);
  });
});

describe('a filter pattern over its time budget (issue 20)', () => {
  const account = freshAccount();
  const NOW = Math.floor(Date.now() / MIN) * MIN;
  const files = {
    'stack.yaml': 'stack:\n  name: btslow\n  region: us-east-1\n',
    'monitors.yaml': `logGroups:
  - name: /bt/slow
monitors:
  - name: btslow-errors
    logGroup: /bt/slow
    pattern: '%ERROR%'
    metric: BT/Slow
    alarm: '>= 2 in 1m'
`,
  };

  beforeAll(async () => {
    const logs = rawClients(account).logs;
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/bt/slow' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/bt/slow', logStreamName: 's' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/bt/slow',
        logStreamName: 's',
        logEvents: [1, 2, 3, 4].map((i) => ({ timestamp: NOW - 60 * MIN + i * 1000, message: `ERROR ${i}` })),
      }),
    );
  });

  test('is not replayed: the entry is skipped with the reason, and the rest of the plan goes on', async () => {
    const options = optionsFor(account, stackDir(files));
    const run = await planStack(options);
    // Every evaluation costs 400 ms on this clock: the third event passes the 1 s budget.
    let now = 0;
    const outcome = await backtestPlan(run, options, {
      now: NOW,
      logPacer: noPause,
      metricPacer: noPause,
      patternBudget: { budgetMs: 1000, clock: () => (now += 400) },
    });
    if (!outcome || !('report' in outcome)) throw new Error('no report');
    expect(outcome.report.entries).toEqual([
      {
        status: 'skipped',
        alarm: 'btslow-errors',
        change: 'create',
        reason:
          'not replayed: filter monitors.btslow.btslow-errors: the filter pattern spent 1.2 s on 3 event(s), over its budget of 1 s per run; stopped so that one pattern cannot hold the run (simplify the pattern or shorten the events)',
      },
    ]);
  });
});
