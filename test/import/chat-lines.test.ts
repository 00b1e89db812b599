/**
 * Import × the chat forwarder, pure: a stack's chat lines (every chat, mentions, a channel or thread,
 * two of one chat on one topic) become a forwarder function; imported back, its destinations are the
 * same chat lines, webhooks as `${env:}` references, and nothing of the forwarder is written.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { loadStack, withAccountId } from '../../src/config/load';
import type { ResourceSpec } from '../../src/model';
import { ACCOUNT, REGION, STACK, writtenAndRead } from './round-trip-helpers';

const FILE = `stack:
  name: ${STACK}
  region: ${REGION}
topics:
  - name: ops
    subscriptions:
      - slack: \${env:A}
        mentions: [here, U0123ABCD]
        channel: '#ops'
      - slack: \${env:B}
      - teams: \${env:C}
        mentions: [{ id: ada@example.com, name: Ada Lovelace }]
  - name: dev
    subscriptions:
      - discord: \${env:D}
        threadId: '123456789'
        mentions: ['&12345678']
      - googleChat: \${env:E}
        threadKey: alarms
        mentions: [all]
`;
const ENV = {
  A: 'https://hooks.slack.com/services/T0/B0/aaa',
  B: 'https://hooks.slack.com/services/T0/B0/bbb',
  C: 'https://example.webhook.office.com/webhookb2/ccc',
  D: 'https://discord.com/api/webhooks/1/ddd',
  E: 'https://chat.googleapis.com/v1/spaces/S/messages?key=eee',
};

test('chat lines survive import: same destinations, webhooks as ${env:}, no forwarder resource written', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-chat-lines-'));
  let specs: ResourceSpec[];
  try {
    writeFileSync(path.join(dir, 'stack.yaml'), FILE);
    specs = withAccountId(await loadStack(dir, { env: ENV }), ACCOUNT).resources.map((r) => r.spec);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const fn = specs.find((s) => s.kind === 'forwarderFunction');
  expect(fn).toBeDefined();
  const { texts, built } = await writtenAndRead(specs);
  const all = Object.values(texts).join('\n');
  for (const url of Object.values(ENV)) expect(all).not.toContain(url);
  expect(all).not.toMatch(/lambda:|\/aws\/lambda\//);
  expect(Object.keys(texts).sort()).toEqual(['.env.example', 'stack.yaml', 'topics.yaml']);
  const again = [...built.values()].find((s) => s.kind === 'forwarderFunction');
  expect(again && 'destinations' in again ? again.destinations : undefined).toEqual(
    fn && 'destinations' in fn ? fn.destinations : 'missing',
  );
  expect([...built.values()].length).toBe(specs.length);
});
