/**
 * The chat lines of several files become the stack's one forwarder: every destination, each keyed by
 * its chat and topic, every URL sensitive (recorded in the function's tag), and the derived role,
 * queue and log group once.
 */
import { loadStack } from '../../src/config/load';
import { ConfigError, SENSITIVE_TAG, decodeSensitiveTag, formatDiagnostic } from '../../src/model';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import type { ForwarderFunctionSpec } from '../../src/kinds/specs';

afterAll(removeStackDirs);

test('two files with chats on two topics give one forwarder serving both', async () => {
  const dir = stackDir({
    'stack.yaml': 'stack:\n  name: chatty\n  region: eu-west-1\n',
    'a.yaml':
      'topics:\n  - name: pages\n    subscriptions:\n      - slack: ${env:SLACK_URL}\n      - slack: https://hooks.slack.com/services/T/B/second\n',
    'b.yaml':
      'topics:\n  - name: tickets\n    subscriptions:\n      - googleChat: https://chat.googleapis.com/v1/spaces/s\n        threadKey: alarm\n',
  });
  const stack = await loadStack(dir, { env: { SLACK_URL: 'https://hooks.slack.com/services/T/B/first' } });
  const kinds = stack.resources.map((r) => r.spec.kind).sort();
  expect(kinds.filter((k) => k !== 'topic')).toEqual([
    'forwarderFunction',
    'forwarderPermission',
    'forwarderPermission',
    'forwarderQueue',
    'forwarderRole',
    'logGroup',
    'subscription',
    'subscription',
  ]);
  const fn = stack.resources.find((r) => r.spec.kind === 'forwarderFunction');
  const spec = fn?.spec as ForwarderFunctionSpec;
  expect(spec.name).toBe('monitors-chatty-chat');
  expect(spec.role).toBe('monitors-chatty-chat-eu-west-1');
  expect(Object.keys(spec.destinations).sort()).toEqual(['googleChat@tickets', 'slack@pages', 'slack@pages+2']);
  expect(spec.destinations['slack@pages+2']?.url).toBe('https://hooks.slack.com/services/T/B/second');
  const urls = [
    'destinations.googleChat@tickets.url',
    'destinations.slack@pages+2.url',
    'destinations.slack@pages.url',
  ];
  expect(fn?.sensitive).toEqual(urls);
  expect(decodeSensitiveTag(spec.tags[SENSITIVE_TAG]).sort()).toEqual(urls);
});

test('a long stack name still gives names within AWS limits, distinct per stack', async () => {
  const long = `a${'b'.repeat(61)}`;
  const load = async (name: string) => {
    const dir = stackDir({
      'stack.yaml': `stack:\n  name: ${name}\n  region: ap-southeast-2\ntopics:\n  - name: t\n    subscriptions:\n      - discord: https://discord.com/api/webhooks/1/x\n`,
    });
    return (await loadStack(dir)).resources.map((r) => r.spec);
  };
  const [one, two] = [await load(long), await load(`${long.slice(0, -1)}c`)];
  const limit = { forwarderFunction: 64, forwarderRole: 64, forwarderQueue: 80 } as const;
  const names = (specs: typeof one) =>
    specs.flatMap((s) => (s.kind in limit && 'name' in s ? [[s.kind as keyof typeof limit, s.name] as const] : []));
  // AWS: function and role names at most 64 characters, queue names 80.
  for (const [kind, name] of names(one)) expect(name.length).toBeLessThanOrEqual(limit[kind]);
  expect(names(one)).toHaveLength(3);
  const other = names(two).map(([, n]) => n);
  expect(names(one).filter(([, n]) => other.includes(n))).toEqual([]);
});

test("more destinations than Lambda's 4 KB of environment holds are refused at the first chat line, URLs unnamed", async () => {
  const lines = Array.from(
    { length: 40 },
    (_, i) => `      - slack: https://hooks.slack.com/services/T0000000/B0000000/tok3n${String(i).padStart(20, '0')}\n`,
  ).join('');
  const dir = stackDir({
    'stack.yaml': `stack:\n  name: chatty\n  region: eu-west-1\ntopics:\n  - name: pages\n    subscriptions:\n${lines}`,
  });
  const err = await loadStack(dir).catch((e: unknown) => e);
  expect(err).toBeInstanceOf(ConfigError);
  const errors = (err as ConfigError).diagnostics.filter((d) => d.severity === 'error').map(formatDiagnostic);
  expect(errors).toHaveLength(1);
  expect(errors[0]).toMatch(
    /stack\.yaml:7:9: error LIMIT_EXCEEDED: the stack's 40 chat destinations take \d+ bytes of the forwarder's environment; Lambda allows 4096 in all/,
  );
  expect(errors[0]).not.toContain('tok3n');
});
