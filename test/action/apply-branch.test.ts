/**
 * mode: apply runs only from the repository's default branch (read from the event payload) and the
 * branches the apply-branches input lists; everything else is refused before any AWS call. Through
 * the bundled action, the fake GitHub on loopback, and the emulator.
 */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import {
  OWNER,
  REPO,
  TOKEN,
  dispatchEvent,
  pushEvent,
  removeWorkspaces,
  runBundledAction,
  workspace,
} from './run-bundled';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

async function alarmsIn(account: TestAccount): Promise<number> {
  const { MetricAlarms = [], CompositeAlarms = [] } = await rawClients(account).cloudwatch.send(
    new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
  );
  return MetricAlarms.length + CompositeAlarms.length;
}

async function apply(event: { name: string; payload: unknown }, ref: string, inputs: Record<string, string> = {}) {
  const account = freshAccount();
  const run = await runBundledAction({
    cwd: workspace(),
    event,
    inputs: { mode: 'apply', ...inputs },
    account,
    githubUrl: github.url,
    env: { GITHUB_REF: ref },
  });
  return { run, alarms: await alarmsIn(account) };
}

test('"Run workflow" on a feature branch is refused, and nothing reaches AWS', async () => {
  const { run, alarms } = await apply(dispatchEvent(), 'refs/heads/feature/x');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    '::error::mode: apply runs only from main; this run is for refs/heads/feature/x (workflow_dispatch). Merge to main to apply, or list the branch in the apply-branches input.',
  );
  expect(alarms).toBe(0);
  expect(run.outputs['has-changes']).toBeUndefined();
});

test('a push to a feature branch is refused; a tag is refused', async () => {
  const feature = await apply(
    { ...pushEvent, payload: { ...pushEvent.payload, ref: 'refs/heads/dev' } },
    'refs/heads/dev',
  );
  expect(feature.run.code).toBe(1);
  expect(feature.run.stdout).toContain(
    '::error::mode: apply runs only from main; this run is for refs/heads/dev (push).',
  );
  expect(feature.alarms).toBe(0);
  const tag = await apply({ ...pushEvent, payload: { ...pushEvent.payload, ref: 'refs/tags/main' } }, 'refs/tags/main');
  expect(tag.run.code).toBe(1);
  expect(tag.run.stdout).toContain('this run is for refs/tags/main (push)');
  expect(tag.alarms).toBe(0);
});

test('the default branch comes from the payload: with "trunk" as default, trunk applies and main does not', async () => {
  const trunk = await apply(dispatchEvent('trunk'), 'refs/heads/trunk');
  expect(trunk.run.stdout).not.toContain('::error::');
  expect(trunk.run.code).toBe(0);
  expect(trunk.alarms).toBeGreaterThan(0);
  const main = await apply(dispatchEvent('trunk'), 'refs/heads/main');
  expect(main.run.code).toBe(1);
  expect(main.run.stdout).toContain('::error::mode: apply runs only from trunk; this run is for refs/heads/main');
  expect(main.alarms).toBe(0);
});

test('apply-branches widens the rule to the branches it names, exactly', async () => {
  const release = await apply(dispatchEvent(), 'refs/heads/release', { 'apply-branches': 'hotfix, release' });
  expect(release.run.stdout).not.toContain('::error::');
  expect(release.alarms).toBeGreaterThan(0);
  const near = await apply(dispatchEvent(), 'refs/heads/release-2', { 'apply-branches': 'hotfix, release' });
  expect(near.run.stdout).toContain('::error::mode: apply runs only from main, hotfix, release;');
  expect(near.alarms).toBe(0);
});

test('a payload that does not name the default branch is refused with what to do', async () => {
  const { run, alarms } = await apply({ name: 'workflow_dispatch', payload: { inputs: {} } }, 'refs/heads/main');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    "::error::mode: apply refused for refs/heads/main (workflow_dispatch): the event payload does not say which branch is the repository's default",
  );
  expect(alarms).toBe(0);
});
