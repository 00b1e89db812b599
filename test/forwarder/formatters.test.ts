/**
 * Every formatter, for every alarm kind and state, with and without mentions/channel/runbook, checked
 * against the chat's documented payload shape (shapes.ts), and hostile names neutralised per chat.
 */
import type { AlarmState } from '../../src/forwarder/alarm';
import { formatFor } from '../../src/forwarder/chats';
import { parseDestinations, type Destination } from '../../src/forwarder/config';
import { parseAlarmMessage } from '../../src/forwarder/notification';
import { HOSTILE, notification, type Kind } from './fixtures';
import { discordProblems, googleChatProblems, slackProblems, strings, teamsProblems } from './shapes';

const KINDS: Kind[] = ['metric', 'math', 'composite'];
const STATES: AlarmState[] = ['ALARM', 'OK', 'INSUFFICIENT_DATA'];

const PLAIN = parseDestinations(
  JSON.stringify([
    { chat: 'slack', url: 'https://hooks.slack.com/services/T0/B0/x' },
    { chat: 'discord', url: 'https://discord.com/api/webhooks/1/x' },
    { chat: 'teams', url: 'https://prod-00.westeurope.logic.azure.com/workflows/x' },
    { chat: 'googleChat', url: 'https://chat.googleapis.com/v1/spaces/AAA/messages?key=k&token=t' },
  ]),
);
const RICH = parseDestinations(
  JSON.stringify([
    {
      chat: 'slack',
      url: 'https://hooks.slack.com/services/T0/B0/x',
      mentions: ['here', 'U024BE7LH', 'S0614TZR7'],
      channel: '#oncall',
    },
    {
      chat: 'discord',
      url: 'https://discord.com/api/webhooks/1/x',
      mentions: ['123456789012345678', '&223456789012345678'],
      threadId: '323456789012345678',
    },
    { chat: 'teams', url: 'https://x.webhook.office.com/x', mentions: [{ id: 'oncall@example.com', name: 'On-call' }] },
    {
      chat: 'googleChat',
      url: 'https://chat.googleapis.com/v1/spaces/AAA/messages',
      mentions: ['all', '123456789'],
      threadKey: 'alarm',
    },
  ]),
);

function problems(d: Destination, body: unknown, query: Readonly<Record<string, string>>): string[] {
  switch (d.chat) {
    case 'slack':
      return slackProblems(body);
    case 'discord':
      return discordProblems(body, query);
    case 'teams':
      return teamsProblems(body);
    case 'googleChat':
      return googleChatProblems(body, query);
  }
}

const alarm = (kind: Kind, state: AlarmState, extra: Record<string, unknown> = {}) =>
  parseAlarmMessage(JSON.stringify(notification(kind, state, extra)), 'us-east-1');
const withRunbook = { AlarmDescription: 'ERROR lines in the TeachMe app log\nRunbook: https://wiki.example/teachme' };

describe.each(['slack', 'discord', 'teams', 'googleChat'] as const)('%s', (chat) => {
  const plain = PLAIN.find((d) => d.chat === chat) as Destination;
  const rich = RICH.find((d) => d.chat === chat) as Destination;

  it.each(KINDS.flatMap((k) => STATES.map((s) => [k, s] as const)))(
    '%s alarm in %s: documented shape, with and without options',
    (kind, state) => {
      for (const [d, extra] of [
        [plain, {}],
        [rich, withRunbook],
      ] as const) {
        const n = alarm(kind, state, extra);
        const { body, query } = formatFor(n, d);
        expect(problems(d, body, query)).toEqual([]);
        const text = strings(body).join('\n');
        expect(text).toContain(n.state === 'INSUFFICIENT_DATA' ? 'INSUFFICIENT DATA' : n.state);
        expect(text).toContain('123456789012');
        expect(text).toContain('us-east-1');
        expect(text).toContain(n.consoleUrl as string);
        if (kind === 'composite') expect(text).toContain('teachme-errors (');
        if (kind === 'math') expect(text).toContain('requests = TeachMe/Requests');
        expect(text.includes('https://wiki.example/teachme')).toBe(d === rich);
      }
    },
  );

  it('state colours differ: red for ALARM, green for OK, grey otherwise', () => {
    const looks = STATES.map((s) => JSON.stringify(formatFor(alarm('metric', s), plain).body));
    expect(new Set(looks).size).toBe(3);
  });

  it('mentions are sent on ALARM only', () => {
    const onAlarm = JSON.stringify(formatFor(alarm('metric', 'ALARM'), rich).body);
    const onOk = JSON.stringify(formatFor(alarm('metric', 'OK'), rich).body);
    const marker = {
      slack: '<!here>',
      discord: '<@123456789012345678>',
      teams: '<at>On-call</at>',
      googleChat: '<users/all>',
    }[chat];
    expect(onAlarm).toContain(marker);
    expect(onOk).not.toContain(marker);
  });

  it('hostile names and descriptions are neutralised', () => {
    const n = alarm('metric', 'ALARM', { AlarmName: HOSTILE.name, AlarmDescription: HOSTILE.description });
    const { body, query } = formatFor(n, plain);
    expect(problems(plain, body, query)).toEqual([]);
    const all = strings(body);
    switch (chat) {
      case 'slack':
        // Slack's only control characters: none survive from the alarm's text.
        for (const s of all) expect(s).not.toMatch(/[<>]/);
        break;
      case 'discord': {
        const b = body as { allowed_mentions: { parse: string[] }; content?: string };
        expect(b.allowed_mentions.parse).toEqual([]);
        expect(b.content).toBeUndefined();
        for (const s of all) {
          expect(s).not.toMatch(/@(everyone|here)/);
          expect(s).not.toMatch(/(?<!\\)\[click\]/);
          expect(s).not.toMatch(/(?<!\\)<@U123>/);
        }
        break;
      }
      case 'teams': {
        const card = (body as { attachments: { content: { msteams: Record<string, unknown> } }[] }).attachments[0]
          ?.content;
        expect(card?.msteams.entities).toBeUndefined();
        for (const s of all) {
          expect(s).not.toContain('<at>');
          expect(s).not.toMatch(/(?<!\\)\*\*one/);
          expect(s).not.toMatch(/(?<!\\)\[click\]/);
        }
        break;
      }
      case 'googleChat': {
        for (const s of all) {
          expect(s).not.toContain('<users/all>');
          expect(s).not.toContain('<script>');
        }
        break;
      }
    }
  });
});

describe('per-chat options reach the payload', () => {
  const n = alarm('metric', 'ALARM', withRunbook);
  it('Slack: channel, and mentions in the notification text', () => {
    const b = formatFor(n, RICH[0] as Destination).body as { text: string; channel: string };
    expect(b.channel).toBe('#oncall');
    expect(b.text.startsWith('<!here> <@U024BE7LH> <!subteam^S0614TZR7> ')).toBe(true);
  });
  it('Discord: thread, wait, and only the configured users and roles may be pinged', () => {
    const r = formatFor(n, RICH[1] as Destination);
    expect(r.query).toEqual({ wait: 'true', thread_id: '323456789012345678' });
    expect((r.body as { allowed_mentions: unknown }).allowed_mentions).toEqual({
      parse: [],
      users: ['123456789012345678'],
      roles: ['223456789012345678'],
    });
    expect((r.body as { content: string }).content).toBe('<@123456789012345678> <@&223456789012345678>');
  });
  it('Teams: a mention entity per configured person', () => {
    const card = (
      formatFor(n, RICH[2] as Destination).body as { attachments: { content: { msteams: { entities: unknown } } }[] }
    ).attachments[0]?.content;
    expect(card?.msteams.entities).toEqual([
      { type: 'mention', text: '<at>On-call</at>', mentioned: { id: 'oncall@example.com', name: 'On-call' } },
    ]);
  });
  it('Google Chat: one thread per alarm, mentions in text', () => {
    const r = formatFor(n, RICH[3] as Destination);
    expect((r.body as { thread: unknown }).thread).toEqual({ threadKey: 'alarm-teachme-errors' });
    expect(r.query).toEqual({ messageReplyOption: 'REPLY_MESSAGE_FALLBACK_TO_NEW_THREAD' });
    expect((r.body as { text: string }).text.startsWith('<users/all> <users/123456789> ')).toBe(true);
  });
});

describe('limits hold with huge text', () => {
  it.each(['slack', 'discord', 'teams', 'googleChat'] as const)('%s', (chat) => {
    const d = RICH.find((x) => x.chat === chat) as Destination;
    const n = alarm('composite', 'ALARM', {
      AlarmName: '&'.repeat(255),
      AlarmDescription: '<'.repeat(1024),
      NewStateReason: 'x'.repeat(5000),
      TriggeringChildren: Array.from({ length: 100 }, (_, i) => ({
        Arn: `arn:aws:cloudwatch:us-east-1:1:alarm:${'c'.repeat(200)}${i}`,
        State: { Value: 'ALARM' },
      })),
    });
    const { body, query } = formatFor(n, d);
    expect(problems(d, body, query)).toEqual([]);
  });
});
