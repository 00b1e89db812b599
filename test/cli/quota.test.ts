/** `--quota` reaches the pacing of plan's reads, not only apply's writes: a lowered quota slows the plan to it. */
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { exampleCopy, removeStackDirs } from '../integration/stack-dir';

afterAll(removeStackDirs);

test('plan --quota cloudwatch:ListTagsForResource=1 reads alarm tags at one per second', async () => {
  const account = freshAccount();
  const dir = exampleCopy();
  const env = { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const run = (argv: string[]) => runCliCaptured([...argv, '--endpoint-url', account.endpoint, dir], { env });
  expect((await run(['reconcile', '--yes'])).code).toBe(0);

  const started = Date.now();
  const plan = await run(['plan', '--stats', '--quota', 'cloudwatch:ListTagsForResource=1']);
  const elapsed = Date.now() - started;
  expect(plan.stdout).toContain('No changes.');
  const calls = Number(/CloudWatch\.ListTagsForResource: (\d+)/.exec(plan.stderr)?.[1]);
  expect(calls).toBeGreaterThanOrEqual(3); // one per alarm with per-resource tags
  // The limiter hands out one slot per second: the last call waits (calls - 1) seconds at least.
  expect(elapsed).toBeGreaterThanOrEqual((calls - 1) * 1000 - 50);
});
