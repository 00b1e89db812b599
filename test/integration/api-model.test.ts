/**
 * Every request a representative run sends is checked against AWS's published API models
 * (botocore's service-2.json, pinned in scripts/botocore.version): required members, unknown
 * members, types, length, pattern, enum and range. The run: the example stack with a dashboard and a
 * Slack chat (so the forwarder's Lambda, IAM and SQS calls), planned, applied, re-planned, changed
 * (with the backtest a plan runs), imported, and deleted, all through a recording proxy in front of
 * the emulator. Lambda's REST requests are counted but not checked (their input lives in the path).
 */
import { readdirSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { checkRequest, fromQuery, loadModel, type Violation } from '../harness/api-model';
import { freshAccount } from '../harness/emulator';
import { startRecordingProxy, type RecordedRequest } from '../harness/recording-proxy';
import { runCliCaptured } from '../harness/run-cli';
import { startWebhook } from '../forwarder/loopback';
import { exampleCopy, optionsFor, reconcile, removeStackDirs } from './stack-dir';

afterAll(removeStackDirs);

/** The proxy's service names (fault-proxy.ts identify) as botocore names them. */
const BOTOCORE: Readonly<Record<string, string>> = {
  CloudWatch: 'cloudwatch',
  CloudWatchLogs: 'logs',
  SNS: 'sns',
  STS: 'sts',
  IAM: 'iam',
  SSM: 'ssm',
  Tagging: 'resourcegroupstaggingapi',
  AmazonSQS: 'sqs',
};

/** Each request's violations; Lambda (REST) is left out, and counted apart. */
function check(requests: readonly RecordedRequest[]): { violations: Violation[]; checked: number; rest: number } {
  const violations: Violation[] = [];
  let checked = 0;
  let rest = 0;
  for (const r of requests) {
    const [service = '', operation = ''] = r.operation.split('.');
    const name = BOTOCORE[service];
    if (!name) {
      rest++;
      continue;
    }
    const model = loadModel(name);
    const op = model.operations[operation];
    const input =
      r.protocol === 'json'
        ? (JSON.parse(r.raw || '{}') as unknown)
        : fromQuery(model, op?.input?.shape ?? '', new Map(new URLSearchParams(r.raw)));
    violations.push(...checkRequest(model, operation, input).map((v) => ({ ...v, operation: r.operation })));
    checked++;
  }
  return { violations, checked, rest };
}

test('the checker finds what the model forbids (so 0 below means something)', () => {
  const cw = loadModel('cloudwatch');
  const bad = checkRequest(cw, 'GetMetricData', {
    MetricDataQueries: [
      { Id: 'a', MetricStat: { Metric: { Namespace: '', MetricName: '' }, Period: 60, Stat: 'Sum' } },
    ],
    StartTime: 1,
    EndTime: 2,
    Bogus: true,
  });
  expect(bad.map((v) => `${v.path}: ${v.rule}`)).toEqual(
    expect.arrayContaining([
      '.MetricDataQueries[0].MetricStat.Metric.Namespace: length at least 1, got 0',
      '.MetricDataQueries[0].MetricStat.Metric.MetricName: length at least 1, got 0',
      '(input): unknown member Bogus',
    ]),
  );
  const sns = loadModel('sns');
  const tags = fromQuery(
    sns,
    sns.operations.TagResource?.input?.shape ?? '',
    new Map([
      ['ResourceArn', 'arn:aws:sns:us-east-1:1:t'],
      ['Tags.member.1.Key', ''],
      ['Tags.member.1.Value', 'v'],
    ]),
  );
  expect(checkRequest(sns, 'TagResource', tags).map((v) => `${v.path}: ${v.rule}`)).toEqual([
    '.Tags[0].Key: length at least 1, got 0',
  ]);
});

test('every request of plan, apply, re-plan, change, backtest, import and delete keeps to the API models', async () => {
  const account = freshAccount();
  const proxy = await startRecordingProxy(account.endpoint);
  const slack = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T0/B0/model-check');
  try {
    const dir = exampleCopy();
    writeFileSync(
      path.join(dir, 'extra.yaml'),
      `dashboards:
  - name: overview
    widgets:
      - graph: { title: Errors, alarm: teachme-errors }
      - alarms: { alarms: [teachme-errors] }
topics:
  - name: chat-alerts
    subscriptions:
      - slack: \${env:SLACK_WEBHOOK_URL}
`,
    );
    const env = { SLACK_WEBHOOK_URL: slack.url };
    const options = optionsFor(account, dir, { endpointUrl: proxy.endpoint, env });
    await reconcile(options);
    const cliEnv = {
      AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
      AWS_REGION: account.region,
      ...env,
    };
    const replan = await runCliCaptured(['plan', dir, '--endpoint-url', proxy.endpoint], { env: cliEnv });
    expect(replan.stdout).toContain('No changes');
    // A change: the plan's backtest replays the changed alarm over the metric history.
    const file = path.join(dir, 'teachme-app.yaml');
    const before = readFileSync(file, 'utf8');
    writeFileSync(file, before.replace("alarm: '>= 2 in 1m'", "alarm: '>= 7 in 1m'"));
    expect(readFileSync(file, 'utf8')).not.toBe(before);
    const changed = await runCliCaptured(['plan', dir, '--endpoint-url', proxy.endpoint], { env: cliEnv });
    expect(changed.code).toBe(0);
    await reconcile(options);
    const out = path.join(mkdtempSync(path.join(tmpdir(), 'monitors-model-')), 'monitors');
    const imported = await runCliCaptured(
      [
        'import',
        '--out',
        out,
        '--stack',
        'copy',
        '--region',
        account.region,
        '--endpoint-url',
        proxy.endpoint,
        '--all',
      ],
      { env: cliEnv },
    );
    expect(imported.stderr).not.toContain('Internal error');
    // Delete everything: the stack's files emptied.
    const empty = exampleCopy();
    for (const f of readdirSync(empty).filter((f) => f.endsWith('.yaml') && f !== 'stack.yaml'))
      writeFileSync(path.join(empty, f), '');
    await reconcile(optionsFor(account, empty, { endpointUrl: proxy.endpoint, allowMassDelete: true }));

    const requests = proxy.requests();
    const { violations, checked, rest } = check(requests);
    expect(violations).toEqual([]);
    const operations = new Set(requests.map((r) => r.operation));
    // What the run covered: reads and writes of every service the tool calls.
    expect([...operations]).toEqual(
      expect.arrayContaining([
        'CloudWatch.PutMetricAlarm',
        'CloudWatch.PutCompositeAlarm',
        'CloudWatch.PutDashboard',
        'CloudWatch.DescribeAlarms',
        'CloudWatch.GetMetricData',
        'CloudWatch.DeleteAlarms',
        'CloudWatchLogs.PutMetricFilter',
        'CloudWatchLogs.CreateLogGroup',
        'SNS.CreateTopic',
        'SNS.Subscribe',
        'SNS.ListTopics',
        'IAM.CreateRole',
        'SSM.PutParameter',
      ]),
    );
    expect(checked).toBeGreaterThan(100);
    expect(rest).toBeGreaterThan(0);
  } finally {
    await proxy.stop();
    await slack.close();
  }
}, 300_000);
