/**
 * The bundled action in apply mode meets another apply's lock: it waits (two merges in quick
 * succession) and applies once the lock is released; its own lock names the run that holds it.
 */
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { lockParameterName } from '../../src/apply/lock';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { OWNER, REPO, RUN_ID, TOKEN, pushEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

const LOCK = lockParameterName('teachme');
const ssmOf = (account: TestAccount) =>
  new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });

test('an apply that finds the stack locked waits for the holder, then applies, and records its own run while it holds it', async () => {
  const account = freshAccount();
  const ssm = ssmOf(account);
  const holder = {
    by: 'octocat (run 41 of acme/shop)',
    host: 'runner-1',
    pid: 9,
    acquiredAt: new Date().toISOString(),
    ttlSeconds: 1800,
    token: 'x',
  };
  await ssm.send(new PutParameterCommand({ Name: LOCK, Value: JSON.stringify(holder), Type: 'String' }));

  const seen: string[] = [];
  const release = (async () => {
    await new Promise((r) => setTimeout(r, 3000));
    await ssm.send(new DeleteParameterCommand({ Name: LOCK }));
    // Watch the lock while the action applies: it must carry this run's identity.
    for (let i = 0; i < 100 && seen.length === 0; i++) {
      try {
        const value = (await ssm.send(new GetParameterCommand({ Name: LOCK }))).Parameter?.Value;
        if (value) seen.push(value);
      } catch {
        // not taken yet
      }
      await new Promise((r) => setTimeout(r, 50));
    }
  })();
  const started = Date.now();
  const run = await runBundledAction({
    cwd: workspace(),
    event: pushEvent,
    inputs: { mode: 'apply' },
    account,
    githubUrl: github.url,
  });
  await release;
  expect(run.code).toBe(0);
  expect(Date.now() - started).toBeGreaterThanOrEqual(3000);
  expect(run.outputs.summary).toMatch(/^Apply complete: 18 done, 0 failed, 0 skipped/);
  expect(seen).toHaveLength(1);
  expect(JSON.parse(seen[0] ?? '{}')).toMatchObject({
    by: `github (run ${RUN_ID} of ${OWNER}/${REPO})`,
  });
  await expect(ssm.send(new GetParameterCommand({ Name: LOCK }))).rejects.toMatchObject({ name: 'ParameterNotFound' });
}, 60_000);
