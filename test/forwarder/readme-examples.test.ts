/**
 * The "Notifications" page's payloads (docs/notifications.md) are the formatters' output, not hand-written: this test renders
 * them and fails when the page differs. `MONITORS_UPDATE_README=1 npx jest test/forwarder/readme-examples`
 * rewrites the block.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { execFileSync } from 'child_process';
import { formatFor } from '../../src/forwarder/chats';
import { parseDestinations } from '../../src/forwarder/config';
import { parseAlarmMessage } from '../../src/forwarder/notification';
import { notification } from './fixtures';
import { loadStack } from '../../src/config/load';
import { destinationsJson } from '../../src/kinds/forwarder-function/build';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import type { ForwarderFunctionSpec } from '../../src/kinds/specs';

afterAll(removeStackDirs);

const README = join(__dirname, '../../docs/notifications.md');
const PRETTIER = join(__dirname, '../../node_modules/prettier/bin/prettier.cjs');
const START = '<!-- forwarder-examples:start -->';
const END = '<!-- forwarder-examples:end -->';
const TITLE = { slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams', googleChat: 'Google Chat' } as const;

/** Each chat's line under a topic's subscriptions, as docs/notifications.md shows it. */
const LINES: readonly { readonly chat: keyof typeof TITLE; readonly yaml: string; readonly url: string }[] = [
  {
    chat: 'slack',
    yaml: '- slack: ${env:SLACK_WEBHOOK_URL}\n  mentions: [here]',
    url: 'https://hooks.slack.com/services/T/B/x',
  },
  {
    chat: 'discord',
    yaml: "- discord: ${env:DISCORD_WEBHOOK_URL}\n  mentions: ['&223456789012345678']",
    url: 'https://discord.com/api/webhooks/1/x',
  },
  {
    chat: 'teams',
    yaml: '- teams: ${env:TEAMS_WEBHOOK_URL}\n  mentions: [{ id: oncall@example.com, name: On-call }]',
    url: 'https://example.logic.azure.com/workflows/x',
  },
  {
    chat: 'googleChat',
    yaml: '- googleChat: ${env:GOOGLE_CHAT_WEBHOOK_URL}\n  threadKey: alarm',
    url: 'https://chat.googleapis.com/v1/spaces/x',
  },
];
const VARIABLE = {
  slack: 'SLACK_WEBHOOK_URL',
  discord: 'DISCORD_WEBHOOK_URL',
  teams: 'TEAMS_WEBHOOK_URL',
  googleChat: 'GOOGLE_CHAT_WEBHOOK_URL',
};
/** Lines of a payload shown outside the collapsed block. */
const EXCERPT = 14;

/** The destinations the page's lines declare, as the loader builds them and the function reads them. */
async function declared(): Promise<ReturnType<typeof parseDestinations>> {
  const indent = (text: string) => text.replace(/^/gm, '      ');
  const dir = stackDir({
    'stack.yaml': 'stack:\n  name: teachme\n  region: us-east-1\n',
    'alerts.yaml': `topics:\n  - name: teachme-alerts\n    subscriptions:\n${LINES.map((l) => indent(l.yaml)).join('\n')}\n`,
  });
  const env = Object.fromEntries(LINES.map((l) => [VARIABLE[l.chat], l.url]));
  const stack = await loadStack(dir, { env, checkOnly: true });
  const fn = stack.resources.find((r) => r.spec.kind === 'forwarderFunction')?.spec as ForwarderFunctionSpec;
  const byChat = parseDestinations(destinationsJson(fn.destinations));
  // The function's list is sorted by key; the page keeps the order of LINES.
  return LINES.map((l) => byChat.find((d) => d.chat === l.chat) as (typeof byChat)[number]);
}

async function examples(): Promise<string> {
  const alarm = parseAlarmMessage(
    JSON.stringify(
      notification('metric', 'ALARM', {
        AlarmDescription: 'ERROR lines in the TeachMe app log\nRunbook: https://wiki.example.com/teachme/errors',
      }),
    ),
    'us-east-1',
  );
  const destinations = await declared();
  return destinations
    .map((d, i) => {
      const { body, query } = formatFor(alarm, d);
      const q = Object.keys(query).length > 0 ? ` (query: \`${new URLSearchParams(query).toString()}\`)` : '';
      const json = JSON.stringify(body, null, 2);
      const lines = json.split('\n');
      const excerpt = lines.length > EXCERPT ? `${lines.slice(0, EXCERPT).join('\n')}\n…` : json;
      return [
        `**${TITLE[d.chat]}**`,
        `\`\`\`yaml\n${(LINES[i] as (typeof LINES)[number]).yaml}\n\`\`\``,
        `\`\`\`text\n${excerpt}\n\`\`\``,
        `<details><summary>The whole ${TITLE[d.chat]} message${q}</summary>\n\n\`\`\`json\n${json}\n\`\`\`\n\n</details>`,
      ].join('\n\n');
    })
    .join('\n\n');
}

test('docs/notifications.md shows each chat line and what the formatters send for it', async () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  // The page is kept by prettier (npm run lint), so the block is compared as prettier prints it.
  // (prettier's CLI, in its own process: its API loads modules in a way jest's sandbox refuses)
  const expected = execFileSync(process.execPath, [PRETTIER, '--stdin-filepath', README], {
    input: `${readme.slice(0, start)}${START}\n${await examples()}\n${END}${readme.slice(end + END.length)}`,
    encoding: 'utf8',
  });
  if (process.env.MONITORS_UPDATE_README === '1' && readme !== expected) writeFileSync(README, expected);
  else expect(readme).toBe(expected);
});
