/**
 * Mistakes in chat destinations: each reported at its file:line:column with a message that says
 * what the chat accepts, never quoting the webhook URL, and before any AWS call (the run points at a
 * loopback server that counts requests).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { planStack } from '../../src/core';
import { loadStack } from '../../src/config/load';
import { ConfigError, formatDiagnostic } from '../../src/model';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

/** The errors of planning these files, asserting that nothing reached AWS. */
async function errorsOf(subscriptions: string, env: NodeJS.ProcessEnv = {}): Promise<string[]> {
  const before = aws.requests();
  const dir = stackDir({
    'stack.yaml': 'stack:\n  name: chatty\n  region: us-east-1\n',
    'alerts.yaml': `topics:\n  - name: alerts\n    subscriptions:\n${subscriptions}`,
  });
  try {
    await planStack({
      directory: dir,
      endpointUrl: aws.url,
      credentials: { accessKeyId: 'test', secretAccessKey: 'test' },
      adopt: false,
      allowMassDelete: false,
      maxDeleteShare: 0.5,
      env,
    });
  } catch (err) {
    expect(aws.requests() - before).toBe(0);
    if (err instanceof ConfigError)
      return err.diagnostics
        .filter((d) => d.severity === 'error')
        .map((d) => formatDiagnostic(d).replace(`${dir}/`, ''));
    throw err;
  }
  throw new Error('planStack accepted files that should have been refused');
}

test('an unknown chat key is refused at its place, with the key it resembles', async () => {
  const errors = await errorsOf('      - slak: https://hooks.slack.com/services/T/B/secret\n');
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(/^alerts\.yaml:4:9: error SCHEMA: .*slak.*"slack"/);
  expect(errors[0]).not.toContain('secret');
});

test('a webhook URL that is not https is refused, and a secret one is not quoted', async () => {
  expect(await errorsOf('      - discord: http://discord.com/api/webhooks/1/secret\n')).toEqual([
    'alerts.yaml:4:18: error SCHEMA: Discord webhook must be an https URL with no user in it (plain http only to 127.0.0.1, localhost or [::1], and only in a run against an emulator: --endpoint-url)',
  ]);
  const fromEnv = await errorsOf('      - slack: ${env:SLACK_URL}\n', {
    SLACK_URL: 'ftp://hooks.slack.com/s3cr3t-tok3n',
  });
  expect(fromEnv).toHaveLength(1);
  expect(fromEnv[0]).toMatch(/^alerts\.yaml:4:16: error SCHEMA: .*SLACK_URL/);
  expect(fromEnv[0]).not.toContain('tok3n');
});

test('a mention the chat cannot make is refused at the mention, saying what it can', async () => {
  expect(
    await errorsOf('      - slack: https://hooks.slack.com/services/T/B/s\n        mentions: [here, all]\n'),
  ).toEqual([
    'alerts.yaml:5:26: error SCHEMA: Slack cannot mention this: a mention is here, channel, everyone, or a Slack user (U…/W…) or user-group (S…) id',
  ]);
  expect(
    await errorsOf('      - teams: https://x.webhook.office.com/webhookb2/s\n        mentions: [ana@example.com]\n'),
  ).toEqual([
    'alerts.yaml:5:20: error SCHEMA: Microsoft Teams cannot mention this: a mention is { id: <UPN or Entra object id>, name: <display name> }',
  ]);
});

test("an option of another chat, or a chat's option on an e-mail subscription, is refused at the option", async () => {
  expect(await errorsOf('      - discord: https://discord.com/api/webhooks/1/s\n        channel: "#ops"\n')).toEqual([
    'alerts.yaml:5:18: error SCHEMA: Discord destinations take threadId, not channel',
  ]);
  expect(await errorsOf('      - email: ops@example.com\n        mentions: [here]\n')).toEqual([
    'alerts.yaml:5:19: error SCHEMA: mentions applies to chat destinations (slack, discord, teams, googleChat), not to email subscriptions',
  ]);
  expect(
    await errorsOf(
      '      - slack: https://hooks.slack.com/services/T/B/s\n        discord: https://discord.com/api/webhooks/1/s\n',
    ),
  ).toEqual([
    'alerts.yaml:4:9: error SCHEMA: subscription has slack and discord; give exactly one protocol or chat per subscription',
  ]);
});

describe('chat URLs: https only; plain http only to loopback, only against an emulator endpoint (issue 20)', () => {
  const WHY =
    'Slack webhook must be an https URL with no user in it (plain http only to 127.0.0.1, localhost or [::1], and only in a run against an emulator: --endpoint-url)';

  test('a loopback address in disguise (0x7f000001, 2130706433) is refused even against an emulator', async () => {
    for (const host of ['0x7f000001', '2130706433', '127.1'])
      expect(await errorsOf(`      - slack: http://${host}/services/T/B/x\n`)).toEqual([
        `alerts.yaml:4:16: error SCHEMA: ${WHY}`,
      ]);
  });

  test('http://localhost:… is refused in a run without an emulator endpoint (on Lambda it is the Runtime API)', async () => {
    const dir = stackDir({
      'stack.yaml': 'stack:\n  name: chatty\n  region: us-east-1\n',
      'alerts.yaml':
        'topics:\n  - name: alerts\n    subscriptions:\n      - slack: http://localhost:9001/2018-06-01/runtime\n',
    });
    const err = await loadStack(dir, { env: {}, checkOnly: true }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ConfigError);
    expect((err as ConfigError).diagnostics.map((d) => d.message)).toEqual([WHY]);
    // The same file against an emulator endpoint is accepted.
    const ok = await loadStack(dir, { env: {}, checkOnly: true, loopbackWebhooks: true });
    expect(ok.resources.some((r) => r.spec.kind === 'forwarderFunction')).toBe(true);
  });
});
