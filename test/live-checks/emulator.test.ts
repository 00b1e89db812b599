/**
 * Live checks against the emulator: datapoints for Shop/Latency InstanceId=i-123 go in through the
 * real SDK; alarms spelled right and wrong, and a filter over posted log lines, are planned and checked.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { planStack } from '../../src/core';
import { backtestPlan } from '../../src/backtest/hook';
import { liveCheckPlan, liveText, notifyText, withLiveJson } from '../../src/live-checks/hook';
import type { Finding } from '../../src/live-checks/types';
import { renderJson } from '../../src/render';
import { freshAccount, rawClients } from '../harness/emulator';
import { optionsFor, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const noPause = async () => {};
const MIN = 60_000;

const alarm = (name: string, dims: string, extra = '') => `  - name: ${name}
    metric: { namespace: Shop, name: Latency, stat: Average, period: 5m, dimensions: { ${dims} } }
    threshold: '> 500'
${extra}`;

function files(alarms: string, more: Record<string, string> = {}): Record<string, string> {
  return { 'stack.yaml': 'stack:\n  name: lc\n  region: us-east-1\n', 'alarms.yaml': `alarms:\n${alarms}`, ...more };
}

describe('series checks', () => {
  const account = freshAccount();
  const NOW = Date.now();

  beforeAll(async () => {
    const cw = rawClients(account).cloudwatch;
    await cw.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: [0, 1, 2].map((i) => ({
          MetricName: 'Latency',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-123' }],
          Timestamp: new Date(NOW - (10 + i) * MIN),
          Value: 100 + i,
        })),
      }),
    );
  });

  async function check(alarms: string, more: Record<string, string> = {}) {
    const options = optionsFor(account, stackDir(files(alarms, more)));
    const run = await planStack(options);
    const outcome = await liveCheckPlan(run, options, {
      skip: false,
      now: NOW,
      metricPacer: noPause,
      logPacer: noPause,
    });
    if (!outcome.report) throw new Error('the checks did not run');
    return { run, outcome, report: outcome.report };
  }

  const codes = (fs: readonly Finding[]) => fs.map((f) => `${f.subject}: ${f.code}`);

  test('InstanceID instead of InstanceId: NO_SUCH_SERIES at the alarm, with the spelling the metric has', async () => {
    const { report, outcome } = await check(alarm('lc-wrong', 'InstanceID: i-123'));
    expect(codes(report.findings)).toEqual(['metric alarm lc-wrong: NO_SUCH_SERIES']);
    const f = report.findings[0] as Extract<Finding, { code: 'NO_SUCH_SERIES' }>;
    expect(f.suggestions).toEqual([{ field: 'dimension name', given: 'InstanceID', nearest: 'InstanceId' }]);
    expect(f.has).toEqual([['InstanceId']]);
    expect(f.source).toMatchObject({ line: 2 });
    const text = liveText(outcome);
    expect(text).toMatch(/alarms\.yaml:2:\d+ metric alarm lc-wrong: NO_SUCH_SERIES Shop\/Latency InstanceID=i-123/);
    expect(text).toContain('dimension name "InstanceId" for "InstanceID"');
    expect(report.skipped).toEqual([]);
  });

  test('the same alarm spelled right gets no diagnostic', async () => {
    const { report } = await check(alarm('lc-right', 'InstanceId: i-123'));
    expect(report.findings).toEqual([]);
    expect(report.checked).toEqual({ alarms: 1, series: 1, filters: 0 });
    // One listing of the namespace and one GetMetricData: the whole cost of the check.
    expect(report.calls).toEqual({ 'CloudWatch.GetMetricData': 1, 'CloudWatch.ListMetrics': 1 });
  });

  test('a value off by a typo, and a metric name off by a typo, get their nearest spellings', async () => {
    const { report } = await check(
      alarm('lc-value', 'InstanceId: i-124') +
        `  - name: lc-name
    metric: { namespace: Shop, name: Latancy, stat: Average, period: 5m, dimensions: { InstanceId: i-123 } }
    threshold: '> 500'
`,
    );
    const byName = new Map(
      report.findings.map((f) => [f.subject, f.code === 'NO_SUCH_SERIES' ? f.suggestions : undefined]),
    );
    expect(byName.get('metric alarm lc-value')).toEqual([
      { field: 'dimension value', given: 'i-124', nearest: 'i-123' },
    ]);
    expect(byName.get('metric alarm lc-name')).toEqual([
      { field: 'metric name', given: 'Latancy', nearest: 'Latency' },
    ]);
  });

  test('a metric that a new filter of the stack will publish is not reported missing', async () => {
    const { report } = await check(alarm('lc-right', 'InstanceId: i-123'), {
      'logs.yaml': `logGroups:
  - name: /lc/empty
monitors:
  - name: lc-errors
    logGroup: /lc/empty
    pattern: '%ERROR%'
    metric: LC/Errors
    alarm: '>= 2 in 1m'
`,
    });
    expect(report.findings.filter((f) => f.code === 'NO_SUCH_SERIES')).toEqual([]);
    // The filter's log group does not exist yet: nothing to sample, said as such.
    expect(codes(report.findings)).toContain('metric filter monitors.lc.lc-errors: FILTER_NO_EVENTS');
  });

  test("the JSON carries the findings, the checks' calls and the cost", async () => {
    const { run, outcome } = await check(alarm('lc-wrong', 'InstanceID: i-123'));
    const doc = JSON.parse(withLiveJson(renderJson(run.plan), outcome)) as {
      liveChecks: { calls: Record<string, number>; findings: { code: string; source: string }[] };
      cost: { deltaUsd: number };
    };
    expect(doc.liveChecks.findings.map((f) => f.code)).toEqual(['NO_SUCH_SERIES']);
    expect(doc.liveChecks.findings[0]?.source).toMatch(/alarms\.yaml:2:/);
    expect(doc.liveChecks.calls['CloudWatch.ListMetrics']).toBe(1);
    expect(doc.cost.deltaUsd).toBe(0.1);
  });
});

describe('filter checks', () => {
  const account = freshAccount();
  const NOW = Date.now();

  beforeAll(async () => {
    const logs = rawClients(account).logs;
    await logs.send(new CreateLogGroupCommand({ logGroupName: '/lc/app' }));
    await logs.send(new CreateLogStreamCommand({ logGroupName: '/lc/app', logStreamName: 's' }));
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: '/lc/app',
        logStreamName: 's',
        logEvents: Array.from({ length: 50 }, (_, i) => ({
          timestamp: NOW - 60 * MIN + i * 1000,
          message: JSON.stringify({ level: 'INFO', host: `h${i % 3}`, ms: i }),
        })),
      }),
    );
  });

  const stack = (pattern: string, dims = '') =>
    files('', {
      'alarms.yaml': 'alarms: []\n',
      'logs.yaml': `logGroups:
  - name: /lc/app
metricFilters:
  - name: lc-filter
    logGroup: /lc/app
    pattern: '${pattern}'
    metric: { namespace: LC, name: Hits, value: 1${dims} }
`,
    });

  async function checkFilter(pattern: string, dims = '') {
    const options = optionsFor(account, stackDir(stack(pattern, dims)));
    const run = await planStack(options);
    const outcome = await liveCheckPlan(run, options, {
      skip: false,
      now: NOW,
      metricPacer: noPause,
      logPacer: noPause,
    });
    if (!outcome.report) throw new Error('the checks did not run');
    return { report: outcome.report, outcome };
  }

  test('a new filter that matches none of 50 posted lines is reported', async () => {
    const { report, outcome } = await checkFilter('{ $.level = "ERROR" }');
    expect(report.findings).toEqual([
      expect.objectContaining({ code: 'FILTER_MATCH_RATE', matched: 0, sampled: 50, hours: 24, capped: false }),
    ]);
    expect(liveText(outcome)).toContain('matched 0 of 50 events in the last 24 h');
    expect(report.calls).toEqual({ 'CloudWatchLogs.FilterLogEvents': 1 });
  });

  test('a filter with a dimension: the distinct values it would publish', async () => {
    const { report } = await checkFilter('{ $.level = "INFO" }', ', dimensions: { Host: $.host }');
    const rate = report.findings.find((f) => f.code === 'FILTER_MATCH_RATE');
    expect(rate).toMatchObject({ matched: 50, sampled: 50 });
    expect(report.findings.find((f) => f.code === 'FILTER_DIMENSION_VALUES')).toMatchObject({ distinct: 3 });
    // Three custom metrics at $0.30: the estimate uses the values seen.
    expect(report.cost.lines.find((l) => l.item === 'customMetric')).toMatchObject({ units: 3, usd: 0.9 });
  });
});

describe('who the apply will notify', () => {
  const account = freshAccount();
  const NOW = Date.now();

  beforeAll(async () => {
    // Five minutes of latency around 300 ms, every minute of the last hour.
    await rawClients(account).cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'Shop',
        MetricData: Array.from({ length: 60 }, (_, i) => ({
          MetricName: 'Latency',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-123' }],
          Timestamp: new Date(NOW - (i + 1) * MIN),
          Value: 300,
        })),
      }),
    );
  });

  test('a new alarm whose threshold the data already crosses: this apply will notify its topic', async () => {
    const options = optionsFor(
      account,
      stackDir(
        files(
          alarm('lc-breaching', 'InstanceId: i-123', '    notify: shop-alerts\n').replace("'> 500'", "'> 100'") +
            alarm('lc-quiet', 'InstanceId: i-123', '    notify: shop-alerts\n').replace("'> 500'", "'> 900'"),
          { 'topics.yaml': 'topics:\n  - name: shop-alerts\n' },
        ),
      ),
    );
    const run = await planStack(options);
    const backtest = await backtestPlan(run, options, { now: NOW, metricPacer: noPause, logPacer: noPause });
    const text = notifyText(run.plan, backtest);
    // 300 ms is above lc-breaching's 100 and below lc-quiet's 900: only the first goes to ALARM.
    expect(text).toContain('this apply will notify shop-alerts about 1 alarm');
    expect(text).toMatch(/metric alarm lc-breaching: INSUFFICIENT_DATA → ALARM, notifies shop-alerts/);
    expect(text).not.toMatch(/lc-quiet: INSUFFICIENT_DATA → ALARM/);
  });
});
