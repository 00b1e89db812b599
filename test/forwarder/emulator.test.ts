/**
 * The built forwarder (dist/forwarder/forwarder.zip, as a deploy would upload it) running in the
 * emulator's Lambda: created with the real SDK, subscribed to a topic with a `lambda` subscription;
 * an alarm on that topic fires from PutMetricData, and each loopback webhook (Slack, Discord) gets
 * exactly one message in its chat's documented shape. The function's log never holds a webhook URL.
 * ministack runs Node.js functions as local subprocesses with the host's `node`; see test/README.md.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { PutMetricAlarmCommand, PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateFunctionCommand,
  GetFunctionCommand,
  InvokeCommand,
  LambdaClient,
  PutFunctionEventInvokeConfigCommand,
} from '@aws-sdk/client-lambda';
import { CreateQueueCommand, GetQueueAttributesCommand, ReceiveMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { CreateTopicCommand, SubscribeCommand } from '@aws-sdk/client-sns';
import { freshAccount, rawClients } from '../harness/emulator';
import { DESTINATIONS_VAR } from '../../src/forwarder/config';
import { notification, snsEvent } from './fixtures';
import { startWebhook, type Webhook } from './loopback';
import { discordProblems, slackProblems } from './shapes';

const ZIP = join(__dirname, '../../dist/forwarder/forwarder.zip');
const META = JSON.parse(readFileSync(join(__dirname, '../../dist/forwarder/forwarder.json'), 'utf8')) as {
  codeSha256: string;
  runtime: string;
  handler: string;
};

let hooks: Webhook[] = [];
afterAll(async () => Promise.all(hooks.map((h) => h.close())));

function createForwarder(lambda: LambdaClient, accountId: string, name: string, destinations: unknown) {
  return lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: META.runtime as 'nodejs22.x',
      Handler: META.handler,
      Role: `arn:aws:iam::${accountId}:role/monitors-forwarder`,
      Code: { ZipFile: readFileSync(ZIP) },
      Timeout: 30,
      Environment: { Variables: { [DESTINATIONS_VAR]: JSON.stringify(destinations) } },
    }),
  );
}

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 45_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('an alarm transition reaches the Slack and Discord webhooks through SNS and the forwarder Lambda', async () => {
  const account = freshAccount();
  const { sns, cloudwatch, logs } = rawClients(account);
  const lambda = new LambdaClient({
    region: account.region,
    endpoint: account.endpoint,
    credentials: account.credentials,
  });
  const slack = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T000/B000/slack-token');
  const discord = await startWebhook(() => ({ status: 204 }), '/api/webhooks/42/discord-token');
  hooks = [slack, discord];

  const created = await createForwarder(lambda, account.accountId, 'monitors-forwarder', [
    { chat: 'slack', url: slack.url, mentions: ['here'] },
    { chat: 'discord', url: discord.url },
  ]);
  // The hash a plan will compare: Lambda reports the zip's sha256 in base64, as forwarder.json has it.
  expect(created.CodeSha256).toBe(META.codeSha256);
  const fn = await lambda.send(new GetFunctionCommand({ FunctionName: 'monitors-forwarder' }));
  const functionArn = fn.Configuration?.FunctionArn as string;

  const topic = await sns.send(new CreateTopicCommand({ Name: 'teachme-alerts' }));
  await sns.send(new SubscribeCommand({ TopicArn: topic.TopicArn, Protocol: 'lambda', Endpoint: functionArn }));
  await cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'teachme-errors',
      AlarmDescription: 'ERROR lines in the TeachMe app log\nRunbook: https://wiki.example/teachme',
      Namespace: 'TeachMe',
      MetricName: 'Errors',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      TreatMissingData: 'notBreaching',
      AlarmActions: [topic.TopicArn as string],
    }),
  );
  await cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'TeachMe',
      MetricData: [{ MetricName: 'Errors', Value: 3, Timestamp: new Date() }],
    }),
  );

  await until('one message at each webhook', () => slack.received.length >= 1 && discord.received.length >= 1);
  await new Promise((r) => setTimeout(r, 1500)); // a duplicate would arrive by now
  expect(slack.received).toHaveLength(1);
  expect(discord.received).toHaveLength(1);

  const slackBody = JSON.parse(slack.received[0]?.body ?? '') as { text: string };
  expect(slackProblems(slackBody)).toEqual([]);
  expect(slackBody.text).toBe('<!here> 🔴 ALARM: teachme-errors');
  const slackText = JSON.stringify(slackBody);
  expect(slackText).toContain('TeachMe/Errors (Sum per 1 minute) ≥ 2');
  expect(slackText).toContain('https://wiki.example/teachme');
  expect(slackText).toContain(account.accountId);

  expect(discord.received[0]?.path).toBe('/api/webhooks/42/discord-token?wait=true');
  const discordBody = JSON.parse(discord.received[0]?.body ?? '') as { embeds: { title: string; color: number }[] };
  expect(discordProblems(discordBody, { wait: 'true' })).toEqual([]);
  expect(discordBody.embeds[0]?.title).toBe('🔴 ALARM: teachme-errors');
  expect(discordBody.embeds[0]?.color).toBe(0xd13212);

  // The function's own log (the emulator writes it like AWS, to /aws/lambda/<name>) says what happened
  // and never where: no webhook path or token.
  let text = '';
  await until('the function log', async () => {
    const events = await logs
      .send(new FilterLogEventsCommand({ logGroupName: '/aws/lambda/monitors-forwarder' }))
      .catch(() => ({ events: [] }));
    text = (events.events ?? []).map((e) => e.message ?? '').join('\n');
    return (text.match(/"msg":"delivered"/g) ?? []).length >= 2;
  });
  for (const secret of ['slack-token', 'discord-token', '/services/', '/api/webhooks'])
    expect(text).not.toContain(secret);
});

it('a delivery that keeps failing fails the invocation, and Lambda hands the SNS message to the on-failure destination', async () => {
  const account = freshAccount();
  const config = { region: account.region, endpoint: account.endpoint, credentials: account.credentials };
  const lambda = new LambdaClient(config);
  const sqs = new SQSClient(config);
  const broken = await startWebhook(() => ({ status: 500 }), '/services/T000/B000/broken-token');
  hooks.push(broken);
  await createForwarder(lambda, account.accountId, 'monitors-forwarder', [{ chat: 'slack', url: broken.url }]);

  // Invoked directly, the failure is the invocation's error, naming the chat and host only.
  const direct = await lambda.send(
    new InvokeCommand({
      FunctionName: 'monitors-forwarder',
      Payload: Buffer.from(JSON.stringify(snsEvent(notification('metric', 'ALARM')))),
    }),
  );
  expect(direct.FunctionError).toBeDefined();
  const error = Buffer.from(direct.Payload ?? new Uint8Array()).toString('utf8');
  expect(error).toMatch(/delivery failed: slack #0 \(127\.0\.0\.1:\d+\): HTTP 500 after 4 attempt/);
  expect(error).not.toContain('broken-token');

  // Invoked as SNS invokes it (asynchronously), Lambda retries, then the on-failure destination gets
  // the original event: the alarm is not lost. The kind will configure exactly this (an SQS queue).
  const queue = await sqs.send(new CreateQueueCommand({ QueueName: 'monitors-forwarder-failed' }));
  const queueArn = (
    await sqs.send(new GetQueueAttributesCommand({ QueueUrl: queue.QueueUrl, AttributeNames: ['QueueArn'] }))
  ).Attributes?.QueueArn as string;
  await lambda.send(
    new PutFunctionEventInvokeConfigCommand({
      FunctionName: 'monitors-forwarder',
      MaximumRetryAttempts: 1,
      DestinationConfig: { OnFailure: { Destination: queueArn } },
    }),
  );
  const before = broken.received.length;
  await lambda.send(
    new InvokeCommand({
      FunctionName: 'monitors-forwarder',
      InvocationType: 'Event',
      Payload: Buffer.from(JSON.stringify(snsEvent(notification('metric', 'ALARM')))),
    }),
  );
  let kept:
    | { requestPayload: { Records: { Sns: { Message: string } }[] }; responsePayload: { errorMessage: string } }
    | undefined;
  await until(
    'the failed event in the on-failure queue',
    async () => {
      const got = await sqs.send(new ReceiveMessageCommand({ QueueUrl: queue.QueueUrl, WaitTimeSeconds: 1 }));
      const body = got.Messages?.[0]?.Body;
      if (body) kept = JSON.parse(body) as typeof kept;
      return kept !== undefined;
    },
    60_000,
  );
  expect(JSON.parse(kept?.requestPayload.Records[0]?.Sns.Message ?? '{}')).toMatchObject({
    AlarmName: 'teachme-errors',
  });
  expect(kept?.responsePayload.errorMessage).toMatch(/delivery failed: slack #0/);
  expect(JSON.stringify(kept)).not.toContain('broken-token');
  expect(broken.received.length - before).toBe(8); // 2 invocations × 4 attempts
}, 120_000);
