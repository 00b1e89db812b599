/**
 * `validate` warns when an https subscription is a chat's incoming webhook (it would never confirm),
 * at the subscription's file:line:column, naming the host and the forwarder form, never the URL, and
 * without calling AWS (validate never does). Through the real CLI.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { chatWebhookOf } from '../../src/kinds/subscription/chat-webhooks';

async function validate(dir: string, env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on('data', (c: Buffer) => chunks.push(c));
  stdout.on('error', () => undefined);
  const stderr = new PassThrough();
  stderr.on('data', (c: Buffer) => chunks.push(c));
  const code = await runCli(['validate', dir], { stdout, stderr, stdin: new PassThrough(), env });
  return { code, out: Buffer.concat(chunks).toString() };
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function stack(subscriptions: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-chat-webhook-'));
  dirs.push(dir);
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    `stack:\n  name: s\n  region: us-east-1\ntopics:\n  - name: alerts\n    subscriptions:\n${subscriptions}`,
  );
  return path.relative(process.cwd(), dir);
}

test.each([
  ['https://hooks.slack.com/services/T0/B0/slack-secret', 'Slack', 'hooks.slack.com', 'slack:'],
  ['https://discord.com/api/webhooks/1/discord-secret', 'Discord', 'discord.com', 'discord:'],
  ['https://acme.webhook.office.com/webhookb2/teams-secret', 'Microsoft Teams', 'acme.webhook.office.com', 'teams:'],
  [
    'https://prod-01.westeurope.logic.azure.com/workflows/flow-secret/triggers',
    'Microsoft Teams',
    'prod-01.westeurope.logic.azure.com',
    'teams:',
  ],
  [
    'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=gchat-secret',
    'Google Chat',
    'chat.googleapis.com',
    'googleChat:',
  ],
])(
  'an https subscription to %s is a warning at its place, naming the forwarder form',
  async (url, chat, host, form) => {
    const dir = stack(`      - email: ops@example.com\n      - https: ${url}\n`);
    const r = await validate(dir, {});
    expect(r.code).toBe(0);
    const first = r.out.split('\n')[0] as string;
    expect(
      first.startsWith(
        `${path.join(dir, 'stack.yaml')}:8:9: warning CHAT_WEBHOOK: this https subscription points at a ${chat} webhook (${host}): it would never confirm`,
      ),
    ).toBe(true);
    expect(first).toContain(`\`${form}\` destination`);
    expect(r.out).not.toMatch(/secret/);
    expect(r.out).toContain('(1 warning(s))');
  },
);

test('the URL from ${env:} is checked too, and still not printed', async () => {
  const dir = stack('      - https: ${env:SLACK_WEBHOOK_URL}\n');
  const r = await validate(dir, { SLACK_WEBHOOK_URL: 'https://hooks.slack.com/services/T0/B0/env-secret' });
  expect(r.code).toBe(0);
  expect(r.out).toContain(
    ':7:9: warning CHAT_WEBHOOK: this https subscription points at a Slack webhook (hooks.slack.com)',
  );
  expect(r.out).not.toContain('env-secret');
});

test('other https endpoints are not warned about', async () => {
  const dir = stack('      - https: https://relay.example.com/hooks.slack.com/x\n');
  const r = await validate(dir, {});
  expect(r.out).not.toContain('CHAT_WEBHOOK');
  expect(r.code).toBe(0);
});

test('host matching is exact, not a substring', () => {
  expect(chatWebhookOf('https://hooks.slack.com.evil.example/x')).toBeUndefined();
  expect(chatWebhookOf('https://discord.com/channels/1/2')).toBeUndefined();
  expect(chatWebhookOf('https://notdiscord.com/api/webhooks/1/x')).toBeUndefined();
  expect(chatWebhookOf('not a url')).toBeUndefined();
  expect(chatWebhookOf('https://ptb.discord.com/api/v10/webhooks/1/x')?.key).toBe('discord');
});
