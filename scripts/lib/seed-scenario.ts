/**
 * The seed's test, played against an emulator where monitors/ is applied: ERROR lines go into the log
 * group, the Errors alarm goes to ALARM, and its SNS topic delivers the notification to a local HTTP
 * subscriber. Used by `npm run demo` and by the integration test of the same path.
 */
import { createServer, type Server } from 'http';
import type { AddressInfo } from 'net';
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutMetricDataCommand,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient, SubscribeCommand, UnsubscribeCommand } from '@aws-sdk/client-sns';
import { loadStack } from '../../src/config/load';
import { engineEvaluator, runFilters } from '../../src/simulate';

export interface SeedScenarioOptions {
  readonly endpoint: string;
  readonly accountId: string;
  readonly region: string;
  readonly directory: string;
  readonly log: (line: string) => void;
}

export interface SeedScenarioResult {
  readonly alarm: MetricAlarm;
  /** The SNS notification as the subscriber received it. */
  readonly notification: { readonly TopicArn: string; readonly Subject?: string; readonly Message: string };
  readonly matchedLines: number;
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

export async function playSeedScenario(o: SeedScenarioOptions): Promise<SeedScenarioResult> {
  let receiver: Server | undefined;
  try {
    const stack = await loadStack(o.directory, { env: {} });
    const filter = stack.resources.map((r) => r.spec).find((s) => s.kind === 'metricFilter');
    const alarm = stack.resources
      .map((r) => r.spec)
      .find((s) => s.kind === 'metricAlarm' && s.metric?.metricName === filter?.transformation.metricName);
    if (!filter || filter.kind !== 'metricFilter' || !alarm || alarm.kind !== 'metricAlarm')
      throw new Error('monitors/ has no filter with an alarm on its metric');
    const topicArn = alarm.alarmActions[0]?.replace(':000000000000:', `:${o.accountId}:`);
    if (!topicArn) throw new Error(`alarm ${alarm.name} notifies no topic`);

    const config = {
      region: o.region,
      endpoint: o.endpoint,
      credentials: { accessKeyId: o.accountId, secretAccessKey: 'test' },
    };
    const logs = new CloudWatchLogsClient(config);
    const cw = new CloudWatchClient(config);
    const sns = new SNSClient(config);

    // A local HTTP endpoint stands in for the on-call inbox: SNS confirms it, then delivers to it.
    const received: string[] = [];
    let confirmed = false;
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        res.end('ok');
        const msg = JSON.parse(body) as { Type: string; SubscribeURL?: string; Subject?: string; Message: string };
        if (msg.Type === 'SubscriptionConfirmation' && msg.SubscribeURL) {
          confirmed = (await fetch(msg.SubscribeURL)).ok;
        } else received.push(body);
      });
    });
    await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: hook }));
    // The emulator lists the subscription with an ARN before it is confirmed (AWS would say
    // PendingConfirmation), so wait for our own confirmation to have gone through; SNS skips
    // unconfirmed subscriptions, and the alarm's one notification would be lost.
    await waitFor('the subscription to be confirmed', async () => (confirmed ? true : undefined));
    o.log(`subscribed ${hook} to ${topicArn} (confirmed)`);

    const stream = `demo-${Date.now()}`;
    await logs.send(new CreateLogStreamCommand({ logGroupName: filter.logGroupName, logStreamName: stream }));
    const now = Date.now();
    const lines = [
      'GET /courses 200 12ms',
      'ERROR database connection refused',
      'GET /health 200 1ms',
      'ERROR payment service timeout',
    ];
    await logs.send(
      new PutLogEventsCommand({
        logGroupName: filter.logGroupName,
        logStreamName: stream,
        logEvents: lines.map((message, i) => ({ timestamp: now + i, message })),
      }),
    );
    // ministack stores log events but does not run metric filters on them, so the demo plays
    // CloudWatch Logs' part with the filter-pattern engine (the same one `monitors test` uses):
    // each matching event's value, published as the datapoint AWS would publish.
    const { runs, datapoints } = runFilters(
      [filter],
      lines.map((message, i) => ({ timestamp: now + i, message, logGroup: filter.logGroupName })),
      engineEvaluator(),
    );
    const matched = (runs[0]?.outcomes ?? []).filter((r) => r.outcome.matched);
    o.log(
      `posted ${lines.length} log events to ${filter.logGroupName}/${stream}; ${matched.length} match ${JSON.stringify(filter.filterPattern)}`,
    );
    const total = datapoints.reduce((sum, d) => sum + d.value, 0);
    await cw.send(
      new PutMetricDataCommand({
        Namespace: filter.transformation.metricNamespace,
        MetricData: [
          {
            MetricName: filter.transformation.metricName,
            Value: total,
            Unit: 'Count',
            Timestamp: new Date(),
          },
        ],
      }),
    );
    o.log(
      `published ${filter.transformation.metricNamespace}/${filter.transformation.metricName} = ${total} (what the metric filter emits on AWS)`,
    );

    const state = await waitFor('the alarm to go to ALARM', async () => {
      const r = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarm.name] }));
      const a = r.MetricAlarms?.[0];
      return a?.StateValue === 'ALARM' ? a : undefined;
    });
    o.log(`alarm ${alarm.name}: ${state.StateValue} (${state.StateReason})`);
    const note = await waitFor('the SNS notification', async () => received[0]);
    const message = JSON.parse(note) as { TopicArn: string; Subject?: string; Message: string };
    o.log(
      `notification received by ${hook}:\n  topic:   ${message.TopicArn}\n  subject: ${message.Subject ?? '(none)'}\n  message: ${message.Message.slice(0, 300)}`,
    );
    if (sub.SubscriptionArn?.startsWith('arn:'))
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
    return { alarm: state, notification: message, matchedLines: matched.length };
  } finally {
    receiver?.close();
  }
}
