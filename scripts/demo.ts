/**
 * `npm run demo`: the seed's scenario end to end on the bundled emulator. Plans and applies monitors/,
 * plans again (No changes), then plays the seed's test: two ERROR lines in a minute make the Errors
 * alarm go to ALARM, and its SNS topic delivers the notification to a local HTTP subscriber.
 */
import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { CloudWatchClient, DescribeAlarmsCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { CloudWatchLogsClient, CreateLogStreamCommand, PutLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { SNSClient, SubscribeCommand, UnsubscribeCommand, ListSubscriptionsByTopicCommand } from '@aws-sdk/client-sns';
import { runCli } from '../src/cli/run';
import { loadStack } from '../src/config/load';
import { startEmulator } from '../test/harness/emulator-process';
import { eventMatches } from './lib/filter-match';

// Same as bin/monitors.js: the SDK's Node 22 notice is not for people watching the demo.
process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED ??= 'true';
const ACCOUNT = '123456789012';
const bold = process.stdout.isTTY && !process.env.NO_COLOR;
const say = (s: string) => process.stdout.write(bold ? `\n\x1b[1m▶ ${s}\x1b[0m\n` : `\n▶ ${s}\n`);

async function cli(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  process.stdout.write(`$ monitors ${args.join(' ')}\n`);
  return runCli(args, { stdout: process.stdout, stderr: process.stderr, stdin: process.stdin, env });
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

async function main(): Promise<void> {
  say('Starting the local AWS emulator (ministack)');
  const emulator = await startEmulator();
  console.log(`emulator at ${emulator.endpoint}`);
  const env = {
    ...process.env,
    AWS_ACCESS_KEY_ID: ACCOUNT,
    AWS_SECRET_ACCESS_KEY: 'demo',
    AWS_REGION: 'us-east-1',
    NO_COLOR: process.env.NO_COLOR,
  };
  const common = ['monitors', '--endpoint-url', emulator.endpoint];
  let receiver: ReturnType<typeof createServer> | undefined;
  try {
    say('Plan and apply monitors/');
    if ((await cli(['reconcile', ...common, '--yes'], env)) !== 0) throw new Error('apply failed');

    say('Plan again: nothing left to do');
    if ((await cli(['plan', ...common, '--detailed-exitcode'], env)) !== 0)
      throw new Error('the second plan was not empty');

    say("The seed's test: ERROR lines in the log stream → alarm → SNS → subscriber");
    const stack = await loadStack('monitors', { env });
    const filter = stack.resources.map((r) => r.spec).find((s) => s.kind === 'metricFilter');
    const alarm = stack.resources
      .map((r) => r.spec)
      .find((s) => s.kind === 'metricAlarm' && s.metric?.metricName === filter?.transformation.metricName);
    if (!filter || filter.kind !== 'metricFilter' || !alarm || alarm.kind !== 'metricAlarm')
      throw new Error('monitors/ has no filter with an alarm on its metric');
    const topicArn = alarm.alarmActions[0]?.replace(':000000000000:', `:${ACCOUNT}:`);
    if (!topicArn) throw new Error(`alarm ${alarm.name} notifies no topic`);

    const config = {
      region: 'us-east-1',
      endpoint: emulator.endpoint,
      credentials: { accessKeyId: ACCOUNT, secretAccessKey: 'demo' },
    };
    const logs = new CloudWatchLogsClient(config);
    const cw = new CloudWatchClient(config);
    const sns = new SNSClient(config);

    // A local HTTP endpoint stands in for the on-call inbox: SNS confirms it, then delivers to it.
    const received: string[] = [];
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (c) => (body += c));
      req.on('end', async () => {
        res.end('ok');
        const msg = JSON.parse(body) as { Type: string; SubscribeURL?: string; Subject?: string; Message: string };
        if (msg.Type === 'SubscriptionConfirmation' && msg.SubscribeURL) await fetch(msg.SubscribeURL);
        else received.push(body);
      });
    });
    await new Promise<void>((r) => receiver?.listen(0, '127.0.0.1', r));
    const hook = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/alerts`;
    const sub = await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'http', Endpoint: hook }));
    await waitFor('the subscription to be confirmed', async () => {
      const subs = await sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
      return subs.Subscriptions?.find((s) => s.Endpoint === hook && s.SubscriptionArn?.startsWith('arn:'));
    });
    console.log(`subscribed ${hook} to ${topicArn} (confirmed)`);

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
    const matched = lines.filter((l) => eventMatches(filter.filterPattern, l));
    console.log(
      `posted ${lines.length} log events to ${filter.logGroupName}/${stream}; ${matched.length} match ${JSON.stringify(filter.filterPattern)}`,
    );

    // ministack stores log events but does not run metric filters on them, so the demo plays
    // CloudWatch Logs' part: it publishes what the filter would have, the same data point AWS would.
    const value = Number(filter.transformation.metricValue);
    await cw.send(
      new PutMetricDataCommand({
        Namespace: filter.transformation.metricNamespace,
        MetricData: [
          {
            MetricName: filter.transformation.metricName,
            Value: matched.length * value,
            Unit: 'Count',
            Timestamp: new Date(),
          },
        ],
      }),
    );
    console.log(
      `published ${filter.transformation.metricNamespace}/${filter.transformation.metricName} = ${matched.length * value} (what the metric filter emits on AWS)`,
    );

    const state = await waitFor('the alarm to go to ALARM', async () => {
      const r = await cw.send(new DescribeAlarmsCommand({ AlarmNames: [alarm.name] }));
      const a = r.MetricAlarms?.[0];
      return a?.StateValue === 'ALARM' ? a : undefined;
    });
    console.log(`alarm ${alarm.name}: ${state.StateValue} (${state.StateReason})`);
    const note = await waitFor('the SNS notification', async () => received[0]);
    const message = JSON.parse(note) as { TopicArn: string; Subject?: string; Message: string };
    console.log(
      `notification received by ${hook}:\n  topic:   ${message.TopicArn}\n  subject: ${message.Subject ?? '(none)'}\n  message: ${message.Message.slice(0, 300)}`,
    );
    if (sub.SubscriptionArn?.startsWith('arn:'))
      await sns.send(new UnsubscribeCommand({ SubscriptionArn: sub.SubscriptionArn }));
    say('Done: the alarm fired and the notification arrived.');
  } finally {
    receiver?.close();
    await emulator.stop();
    console.log('emulator stopped');
  }
}

main().catch((err) => {
  console.error(`demo failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
