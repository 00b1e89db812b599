/**
 * Rule tests in the bundled action (node dist/index.js) on a pull request: the plan comment carries the
 * count, and a failing test is an error annotation at its line and a failing run.
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { freshAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { OWNER, REPO, TOKEN, pullRequestEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

test("the example stack's tests pass: the plan comment says how many, and the run succeeds", async () => {
  const run = await runBundledAction({
    cwd: workspace(),
    event: pullRequestEvent(21),
    inputs: {},
    account: freshAccount(),
    githubUrl: github.url,
  });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/^Rule tests: 9 passed, 0 failed$/m);
  const body = github.comments.get(21)?.[0]?.body ?? '';
  expect(body).toContain('**Plan: 18 to add, 0 to change, 0 to replace, 0 to delete.**');
  expect(body.trimEnd().endsWith('**Rule tests: 9 passed, 0 failed**')).toBe(true);
  expect(run.summary).toContain('**Rule tests: 9 passed, 0 failed**');
});

test('a failing test is an annotation at its expectation line, listed in the comment, and fails the run', async () => {
  const cwd = workspace();
  const file = path.join(cwd, 'monitors', 'tests', 'teachme-errors.yaml');
  // The first case now claims one ERROR line fires the alarm.
  const text = readFileSync(file, 'utf8');
  const broken = text.replace('          at: +1m\n          state: OK', '          at: +1m\n          state: ALARM');
  expect(broken).not.toBe(text);
  writeFileSync(file, broken);
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(22),
    inputs: {},
    account: freshAccount(),
    githubUrl: github.url,
  });
  expect(run.code).toBe(1);
  const line = broken.split('\n').findIndex((l) => l.includes('state: ALARM')) - 1; // the "- alarm:" item, 1-based
  expect(run.stdout).toMatch(
    new RegExp(
      `^::error title=TEST_FAILED,file=monitors/tests/teachme-errors\\.yaml,line=${line},col=11::rule test "one ERROR line does not alarm" failed: alarm teachme-errors at \\+1m: expected ALARM, got OK since \\+1m`,
      'm',
    ),
  );
  expect(run.stdout).toMatch(/^::error::Rule tests: 8 passed, 1 failed: see the annotations on the test files$/m);
  const body = github.comments.get(22)?.[0]?.body ?? '';
  expect(body).toContain('**Rule tests: 8 passed, 1 failed**');
  expect(body).toContain('- ❌ one ERROR line does not alarm (`monitors/tests/teachme-errors.yaml:7`)');
  expect(body).toContain('  - alarm teachme\\-errors at \\+1m: expected ALARM, got OK since \\+1m');
});

test('markup in a test name is shown as text in the comment', async () => {
  const cwd = workspace();
  writeFileSync(
    path.join(cwd, 'monitors', 'tests', 'teachme-errors.yaml'),
    `tests:\n  - name: '<img src=x onerror=alert(1)> [click](https://evil.example)'\n    logs: ['+0s ERROR x', '+1s ERROR y']\n    expect:\n      notifications: []\n`,
  );
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(23),
    inputs: {},
    account: freshAccount(),
    githubUrl: github.url,
  });
  expect(run.code).toBe(1);
  const body = github.comments.get(23)?.[0]?.body ?? '';
  expect(body).not.toMatch(/(^|[^\\])<img/m);
  expect(body).not.toContain('](https');
  expect(body).toContain('\\<img src=x onerror=alert\\(1\\)\\> \\[click\\]\\(https://evil.example\\)');
});

test('an invalid test file is annotated at its line, the plan comment is still posted, and the run fails', async () => {
  const cwd = workspace();
  writeFileSync(
    path.join(cwd, 'monitors', 'tests', 'teachme-errors.yaml'),
    `tests:\n  - name: typo\n    logs: ['+0s ERROR x']\n    expect:\n      alarms:\n        - { alarm: teachme-erors, at: +1m, state: ALARM }\n`,
  );
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(24),
    inputs: {},
    account: freshAccount(),
    githubUrl: github.url,
  });
  expect(run.code).toBe(1);
  expect(run.stdout).toMatch(
    /^::error title=DANGLING_REFERENCE,file=monitors\/tests\/teachme-errors\.yaml,line=6,col=11::no alarm is named "teachme-erors"; did you mean "teachme-errors"\?$/m,
  );
  const body = github.comments.get(24)?.[0]?.body ?? '';
  expect(body).toContain('**Plan: 18 to add, 0 to change, 0 to replace, 0 to delete.**');
  expect(body).toContain('**Rule tests: not run, 1 error(s) in the test files** (see the annotations)');
});

test('validate mode (a fork pull request) runs the rule tests too, offline: annotations, summary, a failing run', async () => {
  // AWS calls would land on the fake GitHub too, so its request log catches a call to either.
  const account = { ...freshAccount(), endpoint: github.url };
  const ok = await runBundledAction({
    cwd: workspace(),
    event: pullRequestEvent(25, true),
    inputs: { mode: 'validate' },
    account,
    githubUrl: github.url,
  });
  expect(ok.code).toBe(0);
  expect(ok.summary).toContain('**Rule tests: 9 passed, 0 failed**');

  const cwd = workspace();
  const file = path.join(cwd, 'monitors', 'tests', 'teachme-errors.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('lines: [2]', 'lines: [1]'));
  const bad = await runBundledAction({
    cwd,
    event: pullRequestEvent(25, true),
    inputs: { mode: 'validate' },
    account,
    githubUrl: github.url,
  });
  expect(bad.code).toBe(1);
  expect(bad.stdout).toMatch(
    /^::error title=TEST_FAILED,file=monitors\/tests\/teachme-errors\.yaml,line=13,col=11::rule test "one ERROR line does not alarm" failed: filter teachme-errors matches/m,
  );
  expect(bad.summary).toContain('**Rule tests: 8 passed, 1 failed**');
  expect(github.requests).toEqual([]);
});

test("issue 20: a pull request's catastrophic-backtracking regex does not hold the bundled action", async () => {
  const cwd = workspace();
  const app = path.join(cwd, 'monitors', 'teachme-app.yaml');
  writeFileSync(app, readFileSync(app, 'utf8').replace("pattern: '%ERROR%'", "pattern: '%a*a*a*a*a*a*a*b%'"));
  writeFileSync(
    path.join(cwd, 'monitors', 'tests', 'teachme-errors.yaml'),
    `tests:\n  - name: a line of a with no b\n    logs: ['+0s ${'a'.repeat(20_000)}', '+1s ${'a'.repeat(80)}b']\n    expect:\n      matches:\n        - filter: teachme-errors\n          lines: [2]\n`,
  );
  const start = Date.now();
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(24),
    inputs: {},
    account: freshAccount(),
    githubUrl: github.url,
  });
  // With JavaScript's RegExp the 80 a's alone took minutes; the bundled action now runs RE2.
  expect(Date.now() - start).toBeLessThan(30_000);
  // The test above, and the example's three SLO scenarios (monitors/tests/teachme-slo.yaml).
  expect(run.stdout).toMatch(/^Rule tests: 4 passed, 0 failed$/m);
  expect(run.code).toBe(0);
});
