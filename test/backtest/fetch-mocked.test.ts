/**
 * What the emulator cannot show (test/README.md): more than 500 queries in a backtest, NextToken paging,
 * the 100,800-datapoint limit per call, metric math evaluated by GetMetricData, and FilterLogEvents
 * paging under a byte budget. Real SDK clients with aws-sdk-client-mock answering.
 */
import { CloudWatchClient, GetMetricDataCommand, type GetMetricDataCommandInput } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { fetchLogEvents } from '../../src/backtest/fetch-logs';
import { backtestMarkdown, backtestPlan } from '../../src/backtest/hook';
import type { PlanRun } from '../../src/core';
import { DEFAULT_LIMITS } from '../../src/backtest';
import { fetchSeries, queriesPerCall, type SeriesRequest } from '../../src/backtest/fetch-metrics';

const noPause = async () => {};
const HOUR = 3_600_000;
const FROM = Date.UTC(2026, 10, 1);

function statRequest(i: number, hours: number, period = 3600): SeriesRequest {
  return {
    key: `k${i}`,
    from: FROM,
    to: FROM + hours * HOUR,
    period,
    query: {
      kind: 'stat',
      stat: { MetricStat: { Metric: { Namespace: 'N', MetricName: `M${i}` }, Period: period, Stat: 'Sum' } },
    },
  };
}

test('1,201 one-day hourly series go in calls of 500, 500 and 201, each result back under its own key', async () => {
  const cw = mockClient(CloudWatchClient);
  const sizes: number[] = [];
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    sizes.push(input.MetricDataQueries?.length ?? 0);
    return {
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
        Id: q.Id,
        StatusCode: 'Complete',
        Timestamps: [new Date(FROM)],
        // Each answer names its metric, so a mixed-up id would show.
        Values: [Number(q.MetricStat?.Metric?.MetricName?.slice(1))],
      })),
    };
  });
  const requests = Array.from({ length: 1201 }, (_, i) => statRequest(i, 24));
  const { results, calls } = await fetchSeries(new CloudWatchClient({ region: 'us-east-1' }), requests, noPause);
  expect(sizes).toEqual([500, 500, 201]);
  expect(calls).toBe(3);
  expect(results.get('k0')).toEqual({ ok: true, points: [{ timestamp: FROM, value: 0 }] });
  expect(results.get('k1200')).toEqual({ ok: true, points: [{ timestamp: FROM, value: 1200 }] });
  cw.restore();
});

test('a call never asks for more than 100,800 datapoints: 14 days of 1-minute periods fit 5 queries', () => {
  // 14 * 24 * 60 = 20,160 points per query; 100,800 / 20,160 = 5.
  expect(queriesPerCall(FROM, FROM + 14 * 24 * HOUR, 60)).toBe(5);
  expect(queriesPerCall(FROM, FROM + 14 * 24 * HOUR, 300)).toBe(25);
  expect(queriesPerCall(FROM, FROM + 24 * HOUR, 3600)).toBe(500);
});

test('NextToken pages are followed and joined per query; an InternalError result is reported, not charted', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(GetMetricDataCommand)
    .resolvesOnce({
      NextToken: 'page-2',
      MetricDataResults: [
        { Id: 'm0', StatusCode: 'PartialData', Timestamps: [new Date(FROM)], Values: [1] },
        { Id: 'm1', StatusCode: 'InternalError', Messages: [{ Code: 'Unsupported', Value: 'nope' }] },
      ],
    })
    .resolvesOnce({
      MetricDataResults: [{ Id: 'm0', StatusCode: 'Complete', Timestamps: [new Date(FROM + HOUR)], Values: [2] }],
    });
  const { results, calls } = await fetchSeries(
    new CloudWatchClient({ region: 'us-east-1' }),
    [statRequest(0, 2), statRequest(1, 2)],
    noPause,
  );
  expect(calls).toBe(2);
  expect(cw.commandCalls(GetMetricDataCommand)[1]?.args[0].input.NextToken).toBe('page-2');
  expect(results.get('k0')).toEqual({
    ok: true,
    points: [
      { timestamp: FROM, value: 1 },
      { timestamp: FROM + HOUR, value: 2 },
    ],
  });
  expect(results.get('k1')).toEqual({ ok: false, error: 'InternalError: Unsupported nope' });
  cw.restore();
});

test('a metric-math alarm goes in a call of its own with its ids as declared, and the returned query is the result', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(GetMetricDataCommand).resolves({
    MetricDataResults: [{ Id: 'rate', StatusCode: 'Complete', Timestamps: [new Date(FROM)], Values: [7.5] }],
  });
  const math: SeriesRequest = {
    key: 'math',
    from: FROM,
    to: FROM + HOUR,
    period: 60,
    query: {
      kind: 'math',
      resultId: 'rate',
      queries: [
        {
          Id: 'errors',
          ReturnData: false,
          MetricStat: { Metric: { Namespace: 'S', MetricName: 'E' }, Period: 60, Stat: 'Sum' },
        },
        { Id: 'rate', ReturnData: true, Expression: 'errors * 100' },
      ],
    },
  };
  const { results } = await fetchSeries(
    new CloudWatchClient({ region: 'us-east-1' }),
    [statRequest(0, 1), math],
    noPause,
  );
  const sent = cw.commandCalls(GetMetricDataCommand).map((c) => c.args[0].input.MetricDataQueries?.map((q) => q.Id));
  expect(sent).toEqual([['m0'], ['errors', 'rate']]);
  expect(results.get('math')).toEqual({ ok: true, points: [{ timestamp: FROM, value: 7.5 }] });
  cw.restore();
});

test('FilterLogEvents pages stop at the byte budget, and the window is cut at the last event read', async () => {
  const logs = mockClient(CloudWatchLogsClient);
  const page = (start: number, token?: string) => ({
    nextToken: token,
    events: [0, 1, 2].map((i) => ({ timestamp: start + i, message: 'x'.repeat(100) })),
  });
  logs.on(FilterLogEventsCommand).resolvesOnce(page(1000, 't2')).resolvesOnce(page(2000, 't3')).resolves(page(3000));
  const got = await fetchLogEvents(
    new CloudWatchLogsClient({ region: 'us-east-1' }),
    '/g',
    0,
    10_000,
    { maxEvents: 1000, maxBytes: 500 },
    noPause,
  );
  // 300 bytes after page 1 (under 500), 600 after page 2: no third call.
  expect(got.calls).toBe(2);
  expect(got.bytes).toBe(600);
  expect(got.cutBy).toBe('bytes');
  expect(got.cutAt).toBe(2002);
  expect(logs.commandCalls(FilterLogEventsCommand)[1]?.args[0].input).toMatchObject({ nextToken: 't2', startTime: 0 });
  logs.restore();
});

test('a plan role without cloudwatch:GetMetricData: the section says why, and the plan goes on', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(GetMetricDataCommand).rejects(
    Object.assign(new Error('User is not authorized to perform: cloudwatch:GetMetricData'), {
      name: 'AccessDenied',
      $metadata: {},
    }),
  );
  const after = {
    kind: 'metricAlarm' as const,
    name: 'api-errors',
    metric: { namespace: 'N', metricName: 'M', dimensions: {}, period: 60, statistic: 'Sum' },
    threshold: 1,
    comparisonOperator: 'GreaterThanThreshold' as const,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing' as const,
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
  };
  const plan = {
    version: 1 as const,
    stack: 's',
    region: 'us-east-1',
    accountId: '123456789012',
    changes: [
      {
        action: 'create' as const,
        key: { kind: 'metricAlarm' as const, region: 'us-east-1', name: 'api-errors' },
        after,
      },
    ],
    guards: [],
    notices: [],
    liveFingerprint: 'x',
  };
  const run = { plan } as unknown as PlanRun;
  const options = {
    directory: 'm',
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
    requestTimeoutSeconds: 1,
  };
  const outcome = await backtestPlan(run, options, { metricPacer: noPause });
  expect(outcome).toEqual({ error: 'AccessDenied: User is not authorized to perform: cloudwatch:GetMetricData' });
  const md = backtestMarkdown(outcome);
  expect(md).toContain('### Backtest not run');
  expect(md.match(/^```/gm)).toHaveLength(2);
  cw.restore();
});

test('a metric-math alarm is replayed on what GetMetricData computes from its inputs', async () => {
  const cw = mockClient(CloudWatchClient);
  const NOW = Date.UTC(2026, 10, 25, 12, 0, 30);
  const start = Date.UTC(2026, 10, 25, 11, 50);
  // Ten one-minute periods of the error rate: above 5 in the 3rd and 4th, and the 8th.
  const rate = [1, 2, 9, 8, 1, 1, 1, 7, 1, 1];
  cw.on(GetMetricDataCommand).resolves({
    MetricDataResults: [
      {
        Id: 'rate',
        StatusCode: 'Complete',
        Timestamps: rate.map((_, i) => new Date(start + i * 60_000)),
        Values: rate,
      },
    ],
  });
  const after = {
    kind: 'metricAlarm' as const,
    name: 'error-rate',
    metrics: [
      {
        id: 'errors',
        returnData: false,
        metricStat: { namespace: 'S', metricName: 'E', dimensions: {}, period: 60, stat: 'Sum' },
      },
      {
        id: 'requests',
        returnData: false,
        metricStat: { namespace: 'S', metricName: 'R', dimensions: {}, period: 60, stat: 'Sum' },
      },
      { id: 'rate', returnData: true, expression: 'errors / requests * 100' },
    ],
    threshold: 5,
    comparisonOperator: 'GreaterThanThreshold' as const,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing' as const,
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
  };
  const plan = {
    version: 1 as const,
    stack: 's',
    region: 'us-east-1',
    accountId: '123456789012',
    changes: [
      {
        action: 'create' as const,
        key: { kind: 'metricAlarm' as const, region: 'us-east-1', name: 'error-rate' },
        after,
      },
    ],
    guards: [],
    notices: [],
    liveFingerprint: 'x',
  };
  const outcome = await backtestPlan(
    { plan } as unknown as PlanRun,
    { directory: 'm', adopt: true, allowMassDelete: false, maxDeleteShare: 0.5, env: {} },
    { metricPacer: noPause, now: NOW, since: '10m', limits: { ...DEFAULT_LIMITS, sinceSeconds: 600 } },
  );
  if (!outcome || !('report' in outcome)) throw new Error(JSON.stringify(outcome));
  const [e] = outcome.report.entries;
  // Two episodes above 5 (periods 3-4 and 8): fired twice, 3 minutes in ALARM, the last at the end of period 8.
  expect(e).toMatchObject({
    status: 'done',
    statistic: 'metric math',
    next: { fired: 2, msInAlarm: 180_000, lastFired: start + 8 * 60_000 },
  });
  // Two metrics requested, one call with the alarm's own ids.
  expect(outcome.report.cost).toMatchObject({ metricsRequested: 2, getMetricDataCalls: 1 });
  expect(cw.commandCalls(GetMetricDataCommand)[0]?.args[0].input.MetricDataQueries?.map((q) => q.Id)).toEqual([
    'errors',
    'requests',
    'rate',
  ]);
  cw.restore();
});

test('a live alarm read without its metric is not sent to GetMetricData (an empty Namespace breaks the model), with a note', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => ({
    MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
      Id: q.Id,
      StatusCode: 'Complete',
      Timestamps: [],
      Values: [],
    })),
  }));
  const after = {
    kind: 'metricAlarm' as const,
    name: 'api-errors',
    metric: { namespace: 'N', metricName: 'M', dimensions: {}, period: 60, statistic: 'Sum' },
    threshold: 1,
    comparisonOperator: 'GreaterThanThreshold' as const,
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing' as const,
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
  };
  // As an emulator returned it: no metric name or namespace.
  const before = { ...after, metric: { ...after.metric, namespace: '', metricName: '' } };
  const plan = {
    version: 1 as const,
    stack: 's',
    region: 'us-east-1',
    accountId: '123456789012',
    changes: [
      {
        action: 'update' as const,
        key: { kind: 'metricAlarm' as const, region: 'us-east-1', name: 'api-errors' },
        before,
        after,
        diffs: [{ path: 'metric', before: before.metric, after: after.metric }],
      },
    ],
    guards: [],
    notices: [],
    liveFingerprint: 'x',
  };
  const outcome = await backtestPlan(
    { plan } as unknown as PlanRun,
    { directory: 'm', adopt: true, allowMassDelete: false, maxDeleteShare: 0.5, env: {} },
    { metricPacer: noPause },
  );
  if (!outcome || !('report' in outcome)) throw new Error(JSON.stringify(outcome));
  const sent = cw.commandCalls(GetMetricDataCommand).flatMap((c) => c.args[0].input.MetricDataQueries ?? []);
  expect(sent.map((q) => [q.MetricStat?.Metric?.Namespace, q.MetricStat?.Metric?.MetricName])).toEqual([['N', 'M']]);
  expect(outcome.report.entries[0]).toMatchObject({
    status: 'done',
    notes: ['the current definition names no metric (namespace and name), so it is not backtested'],
  });
  cw.restore();
});
