/**
 * The chat forwarder as a stack declares it: `slack:` and `discord:` under a topic's subscriptions.
 * Planned, applied and re-planned to nothing on the emulator; an alarm transition delivers one
 * message to each loopback webhook; the webhook URLs appear in no output; removing the destinations
 * removes exactly what the forwarder added.
 */
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import {
  DescribeLogGroupsCommand,
  DescribeLogStreamsCommand,
  GetLogEventsCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetRoleCommand, IAMClient } from '@aws-sdk/client-iam';
import { GetFunctionCommand, LambdaClient, UpdateFunctionCodeCommand } from '@aws-sdk/client-lambda';
import { CreateQueueCommand, ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { readFileSync, rmSync, writeFileSync } from 'fs';
import { join } from 'path';
import { freshAccount, rawClients } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { planStack } from '../../src/core';
import { runCliCaptured } from '../harness/run-cli';
import { deterministicZip } from '../../scripts/lib/zip';
import { startWebhook, type Webhook } from './loopback';
import { keyOf } from '../../src/kinds/keys';

let hooks: Webhook[] = [];
/** The parts of the webhook URLs that are their credential. */
const SECRETS = ['slack-secret-token', 'discord-secret-token', '/services/T0', '/api/webhooks/42'];
afterAll(async () => {
  removeStackDirs();
  await Promise.all(hooks.map((h) => h.close()));
});

const STACK = `stack:
  name: chatty
  region: us-east-1
`;
const TOPIC = (subs: string) => `topics:
  - name: alerts
    subscriptions:
      - email: ops@example.com
${subs}
alarms:
  - name: api-errors
    description: Too many errors
    metric: { namespace: App, name: Errors, stat: Sum, period: 60 }
    threshold: '>= 1'
    notify: alerts
`;

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 90_000): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (await check()) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`timed out waiting for ${what}`);
}

it('plans, applies, re-plans to nothing, delivers, and is removed whole', async () => {
  const account = freshAccount();
  const slack = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T0/B0/slack-secret-token');
  const discord = await startWebhook(() => ({ status: 204 }), '/api/webhooks/42/discord-secret-token');
  hooks = [slack, discord];
  const env = { SLACK_WEBHOOK_URL: slack.url, DISCORD_WEBHOOK_URL: discord.url };
  const dir = stackDir({
    'stack.yaml': STACK,
    'alerts.yaml': TOPIC(`      - slack: \${env:SLACK_WEBHOOK_URL}
        mentions: [here]
      - discord: \${env:DISCORD_WEBHOOK_URL}
`),
  });
  const options = optionsFor(account, dir, { env });
  // Another stack's forwarder queue in the same account: never this stack's to touch.
  const config = { region: account.region, endpoint: account.endpoint, credentials: account.credentials };
  const sqs = new SQSClient(config);
  const theirs = await sqs.send(
    new CreateQueueCommand({ QueueName: 'monitors-other-chat-failed', tags: { 'monitors:stack': 'other' } }),
  );
  const { run } = await reconcile(options);
  const fn = `arn:aws:lambda:us-east-1:${account.accountId}:function:monitors-chatty-chat`;
  const forwarder = [
    'forwarderFunction monitors-chatty-chat',
    'forwarderPermission monitors-chatty-chat → alerts',
    'forwarderQueue monitors-chatty-chat-failed',
    'forwarderRole monitors-chatty-chat-us-east-1',
    'logGroup /aws/lambda/monitors-chatty-chat',
    `subscription alerts → lambda:${fn}`,
  ];
  expect(changeSummary(run)).toEqual(
    [...forwarder, 'metricAlarm api-errors', 'subscription alerts → email:ops@example.com', 'topic alerts']
      .map((c) => `create ${c}`)
      .sort(),
  );
  const again = await planStack(options);
  expect(changeSummary(again)).toEqual([]);
  // Created with the setup template's permissions boundary: no inline policy can widen it (issue 20).
  const made = await new IAMClient(config).send(new GetRoleCommand({ RoleName: 'monitors-chatty-chat-us-east-1' }));
  expect(made.Role?.PermissionsBoundary?.PermissionsBoundaryArn).toBe(
    `arn:aws:iam::${account.accountId}:policy/monitors/monitors-forwarder-boundary`,
  );

  const { cloudwatch, logs } = rawClients(account);
  await cloudwatch.send(
    new SetAlarmStateCommand({ AlarmName: 'api-errors', StateValue: 'ALARM', StateReason: 'test' }),
  );
  await until('one message at each webhook', () => slack.received.length >= 1 && discord.received.length >= 1);
  await new Promise((r) => setTimeout(r, 1500));
  expect(slack.received).toHaveLength(1);
  expect(discord.received).toHaveLength(1);

  // The function's own log says what happened and never where.
  let text = '';
  await until('the function log', async () => {
    // Every stream read from its start: the emulator may write the invocation's lines in more than one.
    const logGroupName = '/aws/lambda/monitors-chatty-chat';
    const streams = await logs.send(new DescribeLogStreamsCommand({ logGroupName })).catch(() => ({ logStreams: [] }));
    const lines: string[] = [];
    for (const st of streams.logStreams ?? []) {
      const got = await logs
        .send(new GetLogEventsCommand({ logGroupName, logStreamName: st.logStreamName, startFromHead: true }))
        .catch(() => ({ events: [] }));
      lines.push(...(got.events ?? []).map((e) => e.message ?? ''));
    }
    text = lines.join('\n');
    return (text.match(/"msg":"delivered"/g) ?? []).length >= 2;
  });
  for (const secret of SECRETS) expect(text).not.toContain(secret);

  writeFileSync(join(dir, 'alerts.yaml'), TOPIC(''));
  // Six of this small stack's nine resources go: over the mass-delete guard's share, as it should be.
  const { run: removal } = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(removal)).toEqual(forwarder.map((c) => `delete ${c}`).sort());
  expect(changeSummary(await planStack(options))).toEqual([]);
  const after = await planStack({ ...options, directory: dir });
  // Nothing else went: the topic, its e-mail subscription and the alarm are still the stack's.
  expect(after.live.resources.map((r) => `${r.spec.kind} ${keyOf(r.spec, 'us-east-1').name}`).sort()).toEqual([
    'metricAlarm api-errors',
    'subscription email:ops@example.com',
    'topic alerts',
  ]);
  // And AWS agrees, asked directly.
  await expect(
    new LambdaClient(config).send(new GetFunctionCommand({ FunctionName: 'monitors-chatty-chat' })),
  ).rejects.toMatchObject({ name: 'ResourceNotFoundException' });
  await expect(
    new IAMClient(config).send(new GetRoleCommand({ RoleName: 'monitors-chatty-chat-us-east-1' })),
  ).rejects.toMatchObject({ name: 'NoSuchEntityException' });
  const queues = await sqs.send(new ListQueuesCommand({ QueueNamePrefix: 'monitors-' }));
  expect(queues.QueueUrls ?? []).toEqual([theirs.QueueUrl]);
  const groups = await logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/aws/lambda/' }));
  expect(groups.logGroups ?? []).toEqual([]);
}, 240_000);

describe('the webhook URLs in every output', () => {
  const cli = (argv: string[], env: NodeJS.ProcessEnv) => runCliCaptured(argv, { env, stdin: '' });
  const SLACK = 'https://hooks.slack.com/services/T0/B0/slack-secret-token';
  const DISCORD = 'https://discord.com/api/webhooks/42/discord-secret-token';
  const files = (mentions: string) => ({
    'stack.yaml': STACK,
    // The Slack URL written literally in the file: a credential all the same.
    'alerts.yaml': TOPIC(`      - slack: ${SLACK}
        mentions: ${mentions}
      - discord: \${env:DISCORD_WEBHOOK_URL}
`),
  });

  it('never holds them: plan text, markdown and JSON, apply output, a changed destination, a deletion', async () => {
    const account = freshAccount();
    const env = {
      AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
      AWS_SECRET_ACCESS_KEY: 'test',
      DISCORD_WEBHOOK_URL: DISCORD,
    };
    const at = ['--endpoint-url', account.endpoint, '--region', 'us-east-1'];
    const outputs: string[] = [];
    const run = async (argv: string[]) => {
      const r = await cli([...argv, ...at], env);
      outputs.push(r.stdout, r.stderr);
      return r;
    };
    const dir = stackDir(files('[here]'));
    for (const format of ['text', 'markdown', 'json'])
      expect((await run(['plan', dir, '--format', format])).code).toBe(0);
    // A saved plan is a file people pass around: no URL in it either.
    const saved = join(dir, '..', `${Date.now()}-plan.json`);
    expect((await run(['plan', dir, '--save', saved])).code).toBe(0);
    outputs.push(readFileSync(saved, 'utf8'));
    rmSync(saved);
    const applied = await run(['reconcile', dir, '--yes']);
    expect(applied.code).toBe(0);
    expect((await run(['plan', dir])).stdout).toContain('No changes.');

    // A changed mention shows as a field of the destination; a rotated URL shows masked.
    const changed = stackDir(files('[channel]'));
    const mentions = await run(['plan', changed, '--format', 'json']);
    expect(mentions.stdout).toContain('destinations.slack@alerts.mentions');
    const rotated = stackDir(files('[here]'));
    const rotatedEnv = { ...env, DISCORD_WEBHOOK_URL: `${DISCORD}-rotated` };
    const r = await cli(['plan', rotated, ...at], rotatedEnv);
    outputs.push(r.stdout, r.stderr);
    expect(r.stdout).toContain('destinations.discord@alerts.url');
    expect(r.stdout).toContain('https://discord.com/…(sensitive)');

    // A code change is a plan change: the live function's code is not the shipped one.
    const config = { region: account.region, endpoint: account.endpoint, credentials: account.credentials };
    await new LambdaClient(config).send(
      new UpdateFunctionCodeCommand({
        FunctionName: 'monitors-chatty-chat',
        ZipFile: deterministicZip({ 'index.js': Buffer.from('exports.handler = async () => {};\n') }),
      }),
    );
    const code = await run(['plan', dir]);
    expect(code.stdout).toMatch(/codeSha256/);

    const gone = stackDir({ 'stack.yaml': STACK, 'alerts.yaml': TOPIC('') });
    for (const format of ['text', 'markdown', 'json']) await run(['plan', gone, '--format', format]);
    expect((await run(['reconcile', gone, '--yes', '--allow-mass-delete'])).code).toBe(0);

    const all = outputs.join('\n');
    expect(all).toContain('monitors-chatty-chat');
    for (const secret of ['slack-secret-token', 'discord-secret-token', '/services/T0', '/api/webhooks/42'])
      expect(all).not.toContain(secret);
  }, 240_000);
});
