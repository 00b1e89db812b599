/**
 * The README's "Notifications" payloads are the formatters' output, not hand-written: this test renders
 * them and fails when the README differs. `MONITORS_UPDATE_README=1 npx jest test/forwarder/readme-examples`
 * rewrites the block.
 */
import { readFileSync, writeFileSync } from 'fs';
import { join } from 'path';
import { execFileSync } from 'child_process';
import { formatFor } from '../../src/forwarder/chats';
import { parseDestinations } from '../../src/forwarder/config';
import { parseAlarmMessage } from '../../src/forwarder/notification';
import { notification } from './fixtures';

const README = join(__dirname, '../../README.md');
const PRETTIER = join(__dirname, '../../node_modules/prettier/bin/prettier.cjs');
const START = '<!-- forwarder-examples:start -->';
const END = '<!-- forwarder-examples:end -->';
const TITLE = { slack: 'Slack', discord: 'Discord', teams: 'Microsoft Teams', googleChat: 'Google Chat' } as const;

function examples(): string {
  const alarm = parseAlarmMessage(
    JSON.stringify(
      notification('metric', 'ALARM', {
        AlarmDescription: 'ERROR lines in the TeachMe app log\nRunbook: https://wiki.example.com/teachme/errors',
      }),
    ),
    'us-east-1',
  );
  const destinations = parseDestinations(
    JSON.stringify([
      { chat: 'slack', url: 'https://hooks.slack.com/services/T/B/x', mentions: ['here'] },
      { chat: 'discord', url: 'https://discord.com/api/webhooks/1/x', mentions: ['&223456789012345678'] },
      {
        chat: 'teams',
        url: 'https://example.logic.azure.com/workflows/x',
        mentions: [{ id: 'oncall@example.com', name: 'On-call' }],
      },
      { chat: 'googleChat', url: 'https://chat.googleapis.com/v1/spaces/x', threadKey: 'alarm' },
    ]),
  );
  return destinations
    .map((d) => {
      const { body, query } = formatFor(alarm, d);
      const q = Object.keys(query).length > 0 ? ` (query: \`${new URLSearchParams(query).toString()}\`)` : '';
      return `<details><summary>${TITLE[d.chat]}${q}</summary>\n\n\`\`\`json\n${JSON.stringify(body, null, 2)}\n\`\`\`\n\n</details>`;
    })
    .join('\n\n');
}

test('the README shows what the formatters send', () => {
  const readme = readFileSync(README, 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  expect(start).toBeGreaterThan(0);
  expect(end).toBeGreaterThan(start);
  // The README is kept by prettier (npm run lint), so the block is compared as prettier prints it.
  // (prettier's CLI, in its own process: its API loads modules in a way jest's sandbox refuses)
  const expected = execFileSync(process.execPath, [PRETTIER, '--stdin-filepath', README], {
    input: `${readme.slice(0, start)}${START}\n${examples()}\n${END}${readme.slice(end + END.length)}`,
    encoding: 'utf8',
  });
  if (process.env.MONITORS_UPDATE_README === '1' && readme !== expected) writeFileSync(README, expected);
  else expect(readme).toBe(expected);
});
