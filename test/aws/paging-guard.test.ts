/**
 * Every listing ends: a page cap, a repeated token refused, and a budget for the whole run, each named
 * in its error. The listings through the real clients and a repeating endpoint are in
 * aws-failures.test.ts; here the guard itself, the backtest's own loops and the run's budget.
 */
import { CloudWatchClient, type GetMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, type FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CallCounter } from '../../src/aws/clients';
import { PageGuard } from '../../src/aws/paging';
import { fetchLogEvents } from '../../src/backtest/fetch-logs';
import { fetchSeries, type SeriesRequest } from '../../src/backtest/fetch-metrics';

const noPace = async () => undefined;

test('a page guard refuses a token it has seen, and a page past its cap', () => {
  const guard = new PageGuard('SNS.ListTopics', 3);
  guard.next(undefined);
  guard.next('a');
  expect(() => guard.next('a')).toThrow('SNS.ListTopics answered a page token it had already given (page 3)');
  const capped = new PageGuard('CloudWatch.DescribeAlarms', 3);
  ['a', 'b', 'c'].forEach((t, i) => capped.next(i === 0 ? undefined : t));
  expect(() => capped.next('d')).toThrow('CloudWatch.DescribeAlarms still had more pages after 3, the cap per listing');
});

test('FilterLogEvents answering empty pages with ever new tokens stops at the cap, naming it', async () => {
  let sent = 0;
  const client = {
    send: async (_: FilterLogEventsCommand) => ({ events: [], nextToken: `t${++sent}` }),
  } as unknown as CloudWatchLogsClient;
  await expect(fetchLogEvents(client, '/g', 0, 1000, { maxEvents: 100, maxBytes: 1000 }, noPace)).rejects.toThrow(
    'CloudWatchLogs.FilterLogEvents still had more pages after 500',
  );
  expect(sent).toBe(500);
});

test('GetMetricData repeating its NextToken stops at the second page, naming it', async () => {
  let sent = 0;
  const client = {
    send: async (_: GetMetricDataCommand) => {
      sent++;
      return { MetricDataResults: [], NextToken: 'again' };
    },
  } as unknown as CloudWatchClient;
  const requests: SeriesRequest[] = [
    {
      key: 'a',
      from: 0,
      to: 60_000,
      period: 60,
      query: {
        kind: 'stat',
        stat: { MetricStat: { Metric: { Namespace: 'N', MetricName: 'M' }, Period: 60, Stat: 'Sum' } },
      },
    },
  ];
  await expect(fetchSeries(client, requests, noPace)).rejects.toThrow(
    'CloudWatch.GetMetricData answered a page token it had already given',
  );
  expect(sent).toBe(2);
});

test("a run's budget of calls, and of time, stops the next call and names the budget", () => {
  const calls = new CallCounter({ calls: 2, ms: 60_000 });
  calls.record('CloudWatch', 'DescribeAlarms');
  calls.checkBudget('CloudWatch', 'DescribeAlarms');
  calls.record('CloudWatch', 'DescribeAlarms');
  expect(() => calls.checkBudget('SNS', 'ListTopics')).toThrow(
    'the run stopped before SNS.ListTopics: it used its budget of 2 AWS calls',
  );
  const time = new CallCounter({ calls: 1_000, ms: 0 });
  expect(() => time.checkBudget('SNS', 'ListTopics')).toThrow('its time budget of 0 minutes for AWS calls');
});
