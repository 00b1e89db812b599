/**
 * What the emulator cannot show (test/README.md): ListMetrics paging and its page budget, a check
 * without permission (AccessDenied), and the calls for 1,000 alarms over 10 namespaces. Real SDK
 * clients with aws-sdk-client-mock answering.
 */
import {
  CloudWatchClient,
  GetMetricDataCommand,
  ListMetricsCommand,
  type GetMetricDataCommandInput,
  type ListMetricsCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { mockClient } from 'aws-sdk-client-mock';
import { CallCounter } from '../../src/aws/clients';
import { readCatalog } from '../../src/live-checks/catalog';
import { runLiveChecks } from '../../src/live-checks/run';
import type { Change } from '../../src/model';
import type { MetricFilterSpec } from '../../src/kinds/specs';
import { alarmSpec, planOf } from '../render/fixtures';

const noPause = async () => {};
const region = 'us-east-1';

const alarmOn = (name: string, namespace: string, metricName: string): Change => ({
  action: 'create',
  key: { kind: 'metricAlarm', region, name },
  after: alarmSpec({
    name,
    metric: { namespace, metricName, dimensions: { Host: 'h1' }, period: 300, statistic: 'Average' },
  }),
  source: { file: 'alarms.yaml', line: 1, column: 1 },
});

/** ListMetrics over a namespace of `per` metrics M0..M(per-1) with Host=h1, 500 a page; by name, that name's only. */
function listing(cw: ReturnType<typeof mockClient>, per: number, sent: ListMetricsCommandInput[]) {
  cw.on(ListMetricsCommand).callsFake((input: ListMetricsCommandInput) => {
    sent.push(input);
    const all = Array.from({ length: per }, (_, i) => ({
      Namespace: input.Namespace,
      MetricName: `M${i}`,
      Dimensions: [{ Name: 'Host', Value: 'h1' }],
    })).filter((m) => input.MetricName === undefined || m.MetricName === input.MetricName);
    const start = Number(input.NextToken ?? '0');
    const page = all.slice(start, start + 500);
    return { Metrics: page, NextToken: start + 500 < all.length ? String(start + 500) : undefined };
  });
}

function dataFor(cw: ReturnType<typeof mockClient>, samples: number, sizes: number[]) {
  cw.on(GetMetricDataCommand).callsFake((input: GetMetricDataCommandInput) => {
    sizes.push(input.MetricDataQueries?.length ?? 0);
    return {
      MetricDataResults: (input.MetricDataQueries ?? []).map((q) => ({
        Id: q.Id,
        StatusCode: 'Complete',
        Timestamps: samples > 0 ? [new Date(Date.UTC(2026, 11, 1))] : [],
        Values: samples > 0 ? [samples] : [],
      })),
    };
  });
}

afterEach(() => jest.restoreAllMocks());

test('1,000 new alarms over 10 namespaces: 10 listings and 2 GetMetricData calls, nothing reported', async () => {
  const cw = mockClient(CloudWatchClient);
  const listed: ListMetricsCommandInput[] = [];
  const sizes: number[] = [];
  listing(cw, 100, listed);
  dataFor(cw, 12, sizes);
  const changes = Array.from({ length: 1000 }, (_, i) => alarmOn(`a${i}`, `NS${i % 10}`, `M${Math.floor(i / 10)}`));
  const report = await runLiveChecks(
    {
      cloudwatch: new CloudWatchClient({ region }),
      logs: new CloudWatchLogsClient({ region }),
      calls: new CallCounter(),
    },
    planOf(changes),
    { checkAll: false, metricPacer: noPause, logPacer: noPause },
  );
  expect(report.findings).toEqual([]);
  expect(listed).toHaveLength(10);
  expect(sizes).toEqual([500, 500]);
  expect(report.checked).toEqual({ alarms: 1000, series: 1000, filters: 0 });
  expect(report.cost.stackUsd).toBe(100);
});

test('ListMetrics is paged to the end; past the page budget the wanted names are listed by name', async () => {
  const cw = mockClient(CloudWatchClient);
  const sent: ListMetricsCommandInput[] = [];
  listing(cw, 1_750, sent);
  const client = new CloudWatchClient({ region });
  const wanted = [{ namespace: 'N', metricName: 'M1700', dimensions: { Host: 'h1' } }];
  const full = await readCatalog(client, wanted, noPause);
  expect(sent.map((s) => s.NextToken)).toEqual([undefined, '500', '1000', '1500']);
  expect(full.get('N')?.metrics).toHaveLength(1_750);
  sent.length = 0;
  const capped = await readCatalog(client, wanted, noPause, 2);
  expect(sent.map((s) => [s.MetricName, s.NextToken])).toEqual([
    [undefined, undefined],
    [undefined, '500'],
    ['M1700', undefined],
  ]);
  expect(capped.get('N')?.metrics.some((m) => m.metricName === 'M1700')).toBe(true);
});

test('no permission to list metrics or read logs: each check says so once, the plan is not failed', async () => {
  const cw = mockClient(CloudWatchClient);
  const logs = mockClient(CloudWatchLogsClient);
  const denied = Object.assign(new Error('User is not authorized to perform: cloudwatch:ListMetrics'), {
    name: 'AccessDeniedException',
  });
  cw.on(ListMetricsCommand).rejects(denied);
  cw.on(GetMetricDataCommand).rejects(new Error('must not be called'));
  logs
    .on(FilterLogEventsCommand)
    .rejects(Object.assign(new Error('not authorized: logs:FilterLogEvents'), { name: 'AccessDeniedException' }));
  const filter: MetricFilterSpec = {
    kind: 'metricFilter',
    logGroupName: '/g',
    filterName: 'f',
    filterPattern: 'ERROR',
    transformation: { metricName: 'E', metricNamespace: 'N', metricValue: '1', dimensions: {} },
  };
  const changes: Change[] = [
    alarmOn('a1', 'NS', 'M1'),
    alarmOn('a2', 'NS2', 'M1'),
    { action: 'create', key: { kind: 'metricFilter', region, name: 'f', parent: '/g' }, after: filter },
  ];
  const report = await runLiveChecks(
    {
      cloudwatch: new CloudWatchClient({ region }),
      logs: new CloudWatchLogsClient({ region }),
      calls: new CallCounter(),
    },
    planOf(changes),
    { checkAll: false, metricPacer: noPause, logPacer: noPause },
  );
  expect(report.findings).toEqual([]);
  expect(report.skipped).toEqual([
    { check: 'series', reason: 'AccessDeniedException: User is not authorized to perform: cloudwatch:ListMetrics' },
    { check: 'filters', reason: 'AccessDeniedException: not authorized: logs:FilterLogEvents' },
  ]);
  expect(cw.commandCalls(ListMetricsCommand)).toHaveLength(1);
  expect(cw.commandCalls(GetMetricDataCommand)).toHaveLength(0);
});
