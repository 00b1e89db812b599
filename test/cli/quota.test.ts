/**
 * `--quota` reaches the pacing of plan's reads, not only apply's writes. Pacing is adaptive
 * (src/apply/rate-limiter.ts): nothing is paced until AWS throttles an operation, which from then on
 * runs at its quota. A proxy in front of the emulator throttles as AWS does, at 1 request/s.
 */
import { startFaultProxy } from '../fault/fault-proxy';
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { exampleCopy, removeStackDirs } from '../integration/stack-dir';

afterAll(removeStackDirs);

test('plan --quota cloudwatch:ListTagsForResource=1: unpaced while nothing throttles, one per second once AWS throttles', async () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const env = { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const run = (endpoint: string, argv: string[]) => runCliCaptured([...argv, '--endpoint-url', endpoint, dir], { env });
  expect((await run(account.endpoint, ['reconcile', '--yes'])).code).toBe(0);
  const quota = ['--quota', 'cloudwatch:ListTagsForResource=1'];

  // Nothing throttles: the tag reads are not held to one per second.
  let started = Date.now();
  const free = await run(account.endpoint, ['plan', '--stats', ...quota]);
  const freeMs = Date.now() - started;
  expect(free.stdout).toContain('No changes.');
  const calls = Number(/CloudWatch\.ListTagsForResource: (\d+)/.exec(free.stderr)?.[1]);
  expect(calls).toBeGreaterThanOrEqual(3); // one per alarm with per-resource tags
  expect(freeMs).toBeLessThan((calls - 1) * 1000);

  // AWS throttles over 1/s: the first burst is throttled, then every retry waits for its one-second slot,
  // so nothing is throttled twice and the plan converges.
  const proxy = await startFaultProxy({
    target: account.endpoint,
    quotas: { 'CloudWatch.ListTagsForResource': 1 },
  });
  try {
    started = Date.now();
    const paced = await run(proxy.endpoint, ['plan', '--stats', ...quota]);
    const pacedMs = Date.now() - started;
    expect(paced.stdout).toContain('No changes.');
    const throttled = proxy.stats().throttled['CloudWatch.ListTagsForResource'] ?? 0;
    expect(throttled).toBeGreaterThanOrEqual(1);
    expect(throttled).toBeLessThanOrEqual(calls - 1);
    const sent = Number(/CloudWatch\.ListTagsForResource: (\d+)/.exec(paced.stderr)?.[1]);
    expect(sent).toBe(calls + throttled);
    // Each throttled request is sent again in its own slot, one second apart after the throttle.
    expect(pacedMs).toBeGreaterThanOrEqual(throttled * 1000 - 50);
  } finally {
    await proxy.stop();
  }
});
