/**
 * The bundled action end to end: `node dist/index.js` with the environment of real pull_request,
 * push and schedule runs, a fake GitHub on loopback, and the emulator for AWS.
 */
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { existsSync, readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { generateStack } from '../bench/generate';
import { freshAccount, rawClients } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { execFileSync } from 'child_process';
import {
  ACTION_NODE,
  DIST,
  HEAD_SHA,
  OWNER,
  PUSH_SHA,
  REPO,
  RUN_ID,
  TOKEN,
  pullRequestEvent,
  pushEvent,
  removeWorkspaces,
  runBundledAction,
  scheduleEvent,
  workspace,
} from './run-bundled';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

const MARKER = '<!-- monitors-plan: monitors -->';

declare global {
  /** jest.config.js: the Node major of action.yml's runs.using, in the project that runs the bundle on it. */
  var __MONITORS_ACTION_NODE_MAJOR__: number | undefined;
}

test('the bundle exists (npm run build:action)', () => {
  expect(existsSync(DIST)).toBe(true);
});

test("the bundle runs on the project's Node: the runner's (action.yml) when MONITORS_ACTION_NODE is set", () => {
  const version = execFileSync(ACTION_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim();
  const expected = globalThis.__MONITORS_ACTION_NODE_MAJOR__ ?? Number(process.versions.node.split('.')[0]);
  expect(Number(version.split('.')[0])).toBe(expected);
});

describe('pull request: plan comment', () => {
  test('the first run creates one comment; the next run updates that same comment', async () => {
    const account = freshAccount();
    const cwd = workspace();
    const first = await runBundledAction({
      cwd,
      event: pullRequestEvent(7),
      inputs: {},
      account,
      githubUrl: github.url,
    });
    expect(first.stderr).toBe('');
    expect(first.code).toBe(0);
    const [comment] = github.comments.get(7) ?? [];
    expect(github.comments.get(7)).toHaveLength(1);
    expect(comment?.body.startsWith(`${MARKER}\n### monitors plan: stack \`teachme\` (us-east-1)`)).toBe(true);
    expect(comment?.body).toContain('**Plan: 18 to add, 0 to change, 0 to replace, 0 to delete.**');
    expect(comment?.body).toContain('| **total** | 18 | 0 | 0 | 0 | 0 |');
    // One section per resource: the long ones collapsed, the short ones open.
    expect(comment?.body.match(/^(<details><summary>)?<code>\+ /gm)).toHaveLength(18);
    expect(comment?.body).toContain('<code>+ topic teachme-alerts</code>');
    expect(comment?.body).not.toContain('<summary><code>+ topic teachme-alerts</code>');
    // Each links to its declaration at the pull request's head commit, not the merge commit.
    const appFile = readFileSync(path.join(cwd, 'monitors', 'teachme-app.yaml'), 'utf8').split('\n');
    const line = appFile.indexOf('  - name: teachme-errors') + 1;
    expect(comment?.body).toContain(
      `<code>+ metric alarm teachme-errors</code> · <a href="https://github.com/${OWNER}/${REPO}/blob/${HEAD_SHA}/monitors/teachme-app.yaml#L${line}">monitors/teachme-app.yaml:${line}</a>`,
    );
    expect(first.outputs['has-changes']).toBe('true');
    expect(first.outputs.summary).toBe('Plan: 18 to add, 0 to change, 0 to replace, 0 to delete.');
    expect(JSON.parse(readFileSync(first.outputs['plan-json'] as string, 'utf8'))).toMatchObject({ formatVersion: 1 });
    expect(first.summary).toContain('### monitors plan: stack `teachme`');

    writeFileSync(
      path.join(cwd, 'monitors', 'teachme-app.yaml'),
      readFileSync(path.join(cwd, 'monitors', 'teachme-app.yaml'), 'utf8').replace("'>= 2 in 1m'", "'>= 3 in 1m'"),
    );
    const second = await runBundledAction({
      cwd,
      event: pullRequestEvent(7),
      inputs: {},
      account,
      githubUrl: github.url,
    });
    // The raised threshold breaks the seed's rule test ("two ERROR lines within a minute go to ALARM"):
    // the run fails, and the comment is still updated with the plan and the failed tests.
    expect(second.code).toBe(1);
    expect(second.stdout).toMatch(/^::error::Rule tests: 7 passed, 2 failed: see the annotations on the test files$/m);
    expect(github.comments.get(7)).toHaveLength(1);
    expect(github.comments.get(7)?.[0]?.id).toBe(comment?.id);
    expect(github.comments.get(7)?.[0]?.body).toContain('+ threshold: 3');
    expect(github.requests.filter((r) => r.method === 'PATCH')).toHaveLength(1);
  });

  test("a person's comment that quotes the marker is never edited", async () => {
    const account = freshAccount();
    github.comments.set(13, [{ id: 1, body: `${MARKER}\nlooks good to me`, user: { login: 'alice', type: 'User' } }]);
    const run = await runBundledAction({
      cwd: workspace(),
      event: pullRequestEvent(13),
      inputs: {},
      account,
      githubUrl: github.url,
    });
    expect(run.code).toBe(0);
    const comments = github.comments.get(13) ?? [];
    expect(comments.map((c) => [c.user.login, c.body.split('\n')[1]])).toEqual([
      ['alice', 'looks good to me'],
      ['github-actions[bot]', '### monitors plan: stack `teachme` (us-east-1)'],
    ]);
  });

  test('a plan too large for one comment keeps the summary and says where the full plan is', async () => {
    const account = freshAccount();
    const files = generateStack(600);
    const cwd = workspace(files);
    const run = await runBundledAction({ cwd, event: pullRequestEvent(8), inputs: {}, account, githubUrl: github.url });
    expect(run.code).toBe(0);
    const body = github.comments.get(8)?.[0]?.body ?? '';
    expect(body.length).toBeLessThanOrEqual(65536);
    expect(body).toContain('**Plan: 600 to add, 0 to change, 0 to replace, 0 to delete.**');
    // A section per resource starts a line with its title, collapsed or open.
    const sections = (text: string) => text.match(/^(?:<details><summary>)?<code>/gm)?.length ?? 0;
    const shown = sections(body);
    expect(shown).toBeGreaterThan(10);
    expect(shown).toBeLessThan(600);
    expect(body).toContain(
      `_${600 - shown} more resource(s) not shown: the full plan is in the job summary of https://github.com/${OWNER}/${REPO}/actions/runs/${RUN_ID}_`,
    );
    expect(sections(run.summary)).toBe(600);
  }, 120_000);

  test('invalid files give error annotations on the file and line, a failing run, and the errors in the comment', async () => {
    const account = freshAccount();
    const cwd = workspace();
    writeFileSync(
      path.join(cwd, 'monitors', 'bad.yaml'),
      'alarms:\n  - name: broken\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    treshold: "> 1"\n',
    );
    const run = await runBundledAction({ cwd, event: pullRequestEvent(9), inputs: {}, account, githubUrl: github.url });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(
      /^::error title=SCHEMA,file=monitors\/bad\.yaml,line=4,col=5::unknown key "treshold" in alarms\.0; did you mean "threshold"\?/m,
    );
    expect(run.stdout).toMatch(/^::error::1 error\(s\) in monitors files: see the annotations on the files$/m);
    const body = github.comments.get(9)?.[0]?.body ?? '';
    expect(body).toContain('### monitors: the files did not validate');
    expect(body).toContain('`monitors/bad.yaml:4:5`');
    const alarms = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(alarms.MetricAlarms).toEqual([]);
  });

  test('a pull request from a fork is planned but not commented on (its token is read-only)', async () => {
    const run = await runBundledAction({
      cwd: workspace(),
      event: pullRequestEvent(10, true),
      inputs: {},
      account: freshAccount(),
      githubUrl: github.url,
    });
    expect(run.code).toBe(0);
    expect(github.requests).toEqual([]);
    expect(run.summary).toContain('Plan: 18 to add');
  });

  test('validate mode (fork pull requests) checks the files and calls neither AWS nor GitHub', async () => {
    // AWS calls would land on the fake GitHub too, so its request log catches a call to either.
    const account = { ...freshAccount(), endpoint: github.url };
    const ok = await runBundledAction({
      cwd: workspace(),
      event: pullRequestEvent(13, true),
      inputs: { mode: 'validate' },
      account,
      githubUrl: github.url,
    });
    expect(ok.stderr).toBe('');
    expect(ok.code).toBe(0);
    expect(ok.outputs.summary).toBe('monitors is valid: 18 resources in 4 file(s)');
    expect(ok.summary).toContain('Not planned: this run has no AWS access');

    const bad = await runBundledAction({
      cwd: workspace({
        'stack.yaml': 'stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /a\n    retention: 31d\n',
      }),
      event: pullRequestEvent(13, true),
      inputs: { mode: 'validate' },
      account,
      githubUrl: github.url,
    });
    expect(bad.code).toBe(1);
    expect(bad.stdout).toMatch(
      /^::error title=SCHEMA,file=monitors\/stack\.yaml,line=6,col=16::logGroups.0.retention/m,
    );
    expect(bad.summary).toContain('### monitors: the files did not validate');
    expect(github.requests).toEqual([]);
  });

  test('no secret value appears in the comment, summary, outputs, plan JSON or log', async () => {
    const secret = 'https://hooks.example.com/services/T0001/B0002/s3cr3tWebhookToken';
    const cwd = workspace();
    writeFileSync(
      path.join(cwd, 'monitors', 'chat.yaml'),
      'topics:\n  - name: chat\n    subscriptions:\n      - https: ${env:SLACK_WEBHOOK_URL}\n',
    );
    const run = await runBundledAction({
      cwd,
      event: pullRequestEvent(11),
      inputs: {},
      account: freshAccount(),
      githubUrl: github.url,
      env: { SLACK_WEBHOOK_URL: secret },
    });
    expect(run.code).toBe(0);
    const comment = github.comments.get(11)?.[0]?.body ?? '';
    expect(comment).toContain('https://hooks.example.com/…(sensitive)');
    // The runner's masking command is the one place the value must appear: it is how the runner hides it.
    expect(run.stdout.split('\n').filter((l) => l.includes(secret))).toEqual([`::add-mask::${secret}`]);
    for (const text of [
      comment,
      run.summary,
      run.stderr,
      JSON.stringify(run.outputs),
      readFileSync(run.outputs['plan-json'] as string, 'utf8'),
    ])
      expect(text).not.toContain('s3cr3tWebhookToken');
  });
});

describe('push to main: apply', () => {
  test('applies the plan computed at the merge commit, then a second run has nothing to do', async () => {
    const account = freshAccount();
    const cwd = workspace();
    const run = await runBundledAction({
      cwd,
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.outputs.summary).toMatch(/^Apply complete: 18 done, 0 failed, 0 skipped/);
    expect(run.summary).toContain('### monitors apply');
    const alarms = await rawClients(account).cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    expect(alarms.MetricAlarms?.map((a) => a.AlarmName)).toEqual([
      ...['14.4x-1h', '14.4x-5m', '1x-3d', '1x-6h', '6x-30m', '6x-6h'].map((w) => `teachme-availability-burn-${w}`),
      'teachme-cpu-high',
      'teachme-errors',
    ]);
    expect(alarms.CompositeAlarms?.map((a) => a.AlarmName)).toEqual([
      'teachme-availability-page',
      'teachme-availability-ticket',
      'teachme-degraded',
    ]);
    // It looked for the merged pull request; this commit has none, so it commented nowhere.
    expect(github.requests).toEqual([{ method: 'GET', path: `/repos/${OWNER}/${REPO}/commits/${PUSH_SHA}/pulls` }]);
    expect(run.stdout).toContain(
      'No merged pull request contains c0ffee0: the apply result is in the job summary only.',
    );

    const again = await runBundledAction({
      cwd,
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(again.code).toBe(0);
    expect(again.outputs['has-changes']).toBe('false');
    expect(again.outputs.summary).toBe('No changes. Live AWS state matches monitors/.');
  });

  test('posts what it did, per resource with its ARN, on the pull request it merged', async () => {
    const account = freshAccount();
    github.pullsOfCommit.set(PUSH_SHA, [
      { number: 30, state: 'closed', merged_at: null, merge_commit_sha: null },
      { number: 31, state: 'closed', merged_at: '2026-11-25T10:00:00Z', merge_commit_sha: PUSH_SHA },
    ]);
    const run = await runBundledAction({
      cwd: workspace(),
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(github.comments.get(30)).toBeUndefined();
    const comments = github.comments.get(31) ?? [];
    expect(comments).toHaveLength(1);
    const body = comments[0]?.body ?? '';
    expect(body.startsWith('<!-- monitors-apply: monitors -->\n### monitors apply: stack `teachme` (us-east-1)')).toBe(
      true,
    );
    expect(body).toContain(`Applied c0ffee0 in https://github.com/${OWNER}/${REPO}/actions/runs/${RUN_ID}.`);
    expect(body).toContain('Apply complete: 18 done, 0 failed, 0 skipped');
    const id = account.credentials.accessKeyId;
    expect(body).toMatch(
      new RegExp(
        `\\n  created  topic teachme-alerts  arn:aws:sns:us-east-1:${id}:teachme-alerts  \\(\\d+\\.\\ds\\)\\n`,
      ),
    );
    expect(body).toContain(
      `  created  composite alarm teachme-degraded  arn:aws:cloudwatch:us-east-1:${id}:alarm:teachme-degraded  (`,
    );
    expect(run.stdout).toContain('Posted the apply result on pull request #31.');
  });

  test.each([403, 404])('a %i when posting the result is a warning; the apply still succeeds', async (status) => {
    const account = freshAccount();
    github.refuse.set(`GET /repos/${OWNER}/${REPO}/commits/${PUSH_SHA}/pulls`, status);
    const run = await runBundledAction({
      cwd: workspace(),
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(run.code).toBe(0);
    expect(run.outputs.summary).toMatch(/^Apply complete: 18 done/);
    expect(run.stdout).toContain(
      `::warning::Could not post the apply result on the merged pull request (GitHub answered ${status})`,
    );
    expect(run.stdout).not.toContain('::error::');
  });

  test('a plan the guards refuse is not applied, and the merged pull request is told why', async () => {
    const account = freshAccount();
    const first = await runBundledAction({
      cwd: workspace(),
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(first.code).toBe(0);
    github.pullsOfCommit.set(PUSH_SHA, [
      { number: 32, state: 'closed', merged_at: '2026-11-25T11:00:00Z', merge_commit_sha: PUSH_SHA },
    ]);
    const emptied = await runBundledAction({
      cwd: workspace({ 'stack.yaml': 'stack:\n  name: teachme\n  region: us-east-1\n' }),
      event: pushEvent,
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(emptied.code).toBe(1);
    const body = github.comments.get(32)?.[0]?.body ?? '';
    expect(body).toContain('Not applied: a guard refused the plan computed at c0ffee0');
    expect(body).toContain('deletes all 18 resource(s) the stack owns');
    const alarms = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(alarms.MetricAlarms).toHaveLength(8);
  });

  test('apply refuses to run for a pull request, and changes nothing', async () => {
    const account = freshAccount();
    const run = await runBundledAction({
      cwd: workspace(),
      event: pullRequestEvent(12),
      inputs: { mode: 'apply' },
      account,
      githubUrl: github.url,
    });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('::error::mode: apply runs only on push or workflow_dispatch, never for pull_request');
    const alarms = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
    expect(alarms.MetricAlarms).toEqual([]);
  });
});

describe('schedule: drift', () => {
  test('drift opens one issue, updates it while drift lasts, and closes it once live state matches again', async () => {
    const account = freshAccount();
    const cwd = workspace();
    const drift = () =>
      runBundledAction({ cwd, event: scheduleEvent, inputs: { mode: 'drift' }, account, githubUrl: github.url });
    await runBundledAction({ cwd, event: pushEvent, inputs: { mode: 'apply' }, account, githubUrl: github.url });

    expect((await drift()).outputs['has-changes']).toBe('false');
    expect(github.issues.size).toBe(0);

    // Someone raises the threshold in the console.
    const aws = rawClients(account);
    const [live] =
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['teachme-errors'] }))).MetricAlarms ?? [];
    await aws.cloudwatch.send(new PutMetricAlarmCommand({ ...(live as object), Threshold: 50 } as never));

    const opened = await drift();
    expect(opened.code).toBe(0);
    expect(opened.outputs['has-changes']).toBe('true');
    expect([...github.issues.values()].map((i) => [i.title, i.state, i.labels])).toEqual([
      ['monitors drift: stack teachme', 'open', ['monitors-drift']],
    ]);
    const issue = [...github.issues.values()][0];
    expect(issue?.body).toContain('! threshold: 50 → 2');

    await drift();
    expect(github.issues.size).toBe(1);

    await runBundledAction({ cwd, event: pushEvent, inputs: { mode: 'apply' }, account, githubUrl: github.url });
    const closed = await drift();
    expect(closed.outputs['has-changes']).toBe('false');
    expect(issue?.state).toBe('closed');
  });
});
