/**
 * The backtest in the bundled action (node dist/index.js) on a pull request that raises a threshold:
 * the comment carries a Mermaid chart per alarm and the verdict, stays one comment within GitHub's
 * 65,536 characters, and a long series is downsampled. The first test's comment is the README's
 * example (docs/backtest-comment.md): `MONITORS_WRITE_DOCS=1 npx jest test/action/backtest.test.ts`
 * rewrites it; otherwise the test fails when the two differ in anything but times and ids.
 */
import { PutMetricDataCommand, type MetricDatum } from '@aws-sdk/client-cloudwatch';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { applyStack, planStack } from '../../src/core';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { OWNER, REPO, TOKEN, pullRequestEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';

const DOC = path.join(__dirname, '..', '..', 'docs', 'backtest-comment.md');
const P = 300_000;
const DAY = 86_400_000;

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

const STACK = 'stack:\n  name: shop\n  region: us-east-1\n';
const alarm = (name: string, threshold: string) => `  - name: ${name}
    description: checkout latency too high
    metric: { namespace: Shop, name: CheckoutLatency, stat: Maximum, period: 5m }
    threshold: '${threshold}'
`;

/**
 * Two weeks (and a little more on both sides, so a run that starts a period later sees the same
 * data) of a daily wave between 20 and 40, with 14 single-period spikes a day apart: the 4th, 8th and
 * 12th reach 95, the others 60.
 */
async function putHistory(account: TestAccount): Promise<void> {
  const now = Math.floor(Date.now() / P) * P;
  const from = now - 14 * DAY;
  const data: MetricDatum[] = [];
  for (let k = -5; k < 4040; k++) {
    const spike = (k - 200) % 280 === 0 && k >= 200 && k < 200 + 14 * 280 ? (k - 200) / 280 : undefined;
    const value =
      spike === undefined ? 30 + 10 * Math.sin((2 * Math.PI * k) / 288) : [3, 7, 11].includes(spike) ? 95 : 60;
    data.push({
      MetricName: 'CheckoutLatency',
      Timestamp: new Date(from + k * P + 60_000),
      Value: Math.round(value * 10) / 10,
    });
  }
  const cw = rawClients(account).cloudwatch;
  for (let i = 0; i < data.length; i += 1000) {
    await cw.send(new PutMetricDataCommand({ Namespace: 'Shop', MetricData: data.slice(i, i + 1000) }));
  }
}

/** The live stack: what main has applied. */
async function applyCurrent(account: TestAccount, cwd: string): Promise<void> {
  const options = {
    directory: path.join(cwd, 'monitors'),
    region: account.region,
    endpointUrl: account.endpoint,
    credentials: account.credentials,
    adopt: true,
    allowMassDelete: false,
    maxDeleteShare: 0.5,
    env: {},
  };
  const result = await applyStack(await planStack(options), options);
  expect(result.failed).toBe(0);
}

/**
 * Times, account ids and the fake GitHub's port differ from run to run; so does whether the emulator
 * has already dropped the first period's datapoint (it keeps two weeks, test/README.md). Nothing else may.
 */
function stable(text: string): string {
  return text
    .replace(/\b[01] of 4032\b/g, 'N of 4032')
    .replace(/\d{4}-\d\d-\d\d \d\d:\d\d UTC/g, 'YYYY-MM-DD hh:mm UTC')
    .replace(/\b\d{12}\b/g, '123456789012')
    .replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT');
}

test('a raised threshold: one comment with the chart, the verdict and the cost; the README example', async () => {
  const account = freshAccount();
  await putHistory(account);
  const cwd = workspace({ 'stack.yaml': STACK, 'alarms.yaml': `alarms:\n${alarm('checkout-latency', '> 50')}` });
  await applyCurrent(account, cwd);
  writeFileSync(path.join(cwd, 'monitors', 'alarms.yaml'), `alarms:\n${alarm('checkout-latency', '> 80')}`);

  const run = await runBundledAction({ cwd, event: pullRequestEvent(31), inputs: {}, account, githubUrl: github.url });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const comments = github.comments.get(31) ?? [];
  expect(comments).toHaveLength(1);
  const body = comments[0]?.body ?? '';
  expect(body.length).toBeLessThanOrEqual(65_536);
  // 14 spikes pass 50, 3 of them pass 80; each lasts one period, so each is one transition to ALARM.
  expect(body).toContain('**`checkout-latency`**: would have fired 3 times in 14d; currently fires 14 times');
  const chart = /```mermaid\nxychart-beta\n[\s\S]*?```/.exec(body)?.[0] ?? '';
  // 4032 five-minute periods in 84 bars of 48 periods (4 hours), each the maximum of its periods.
  const bars = /^ {2}bar \[(.*)\]$/m.exec(chart)?.[1]?.split(', ') ?? [];
  expect(bars).toHaveLength(84);
  expect(bars.filter((b) => b === '95')).toHaveLength(3);
  expect(bars.filter((b) => b === '60')).toHaveLength(11);
  expect(chart).toContain('max of each 4h');
  expect(chart).toMatch(/^ {2}line \[80(, 80){83}\]$/m);
  expect(chart).toMatch(/^ {2}line \[50(, 50){83}\]$/m);
  expect(body).toContain('| transitions to ALARM | 3 | 14 |');
  expect(body).toContain('1 metric(s) requested in 1 GetMetricData call(s)');
  expect(run.summary).toContain('```mermaid');

  if (process.env.MONITORS_WRITE_DOCS === '1') {
    writeFileSync(DOC, body.replace(/\b\d{12}\b/g, '123456789012').replace(/127\.0\.0\.1:\d+/g, '127.0.0.1:PORT'));
  }
  expect(stable(body)).toBe(stable(readFileSync(DOC, 'utf8')));
}, 120_000);

test('sixty changed alarms: charts while they fit, then verdict lines, still one comment within the limit', async () => {
  const account = freshAccount();
  await putHistory(account);
  const names = Array.from({ length: 60 }, (_, i) => `latency-${String(i).padStart(2, '0')}`);
  const cwd = workspace({
    'stack.yaml': STACK,
    'alarms.yaml': `alarms:\n${names.map((n) => alarm(n, '> 50')).join('')}`,
  });
  await applyCurrent(account, cwd);
  writeFileSync(
    path.join(cwd, 'monitors', 'alarms.yaml'),
    `alarms:\n${names.map((n, i) => alarm(n, `> ${51 + i}`)).join('')}`,
  );
  const run = await runBundledAction({ cwd, event: pullRequestEvent(32), inputs: {}, account, githubUrl: github.url });
  expect(run.code).toBe(0);
  const comments = github.comments.get(32) ?? [];
  expect(comments).toHaveLength(1);
  const body = comments[0]?.body ?? '';
  expect(body.length).toBeLessThanOrEqual(65_536);
  const charts = body.match(/```mermaid/g)?.length ?? 0;
  expect(charts).toBeGreaterThan(3);
  expect(charts).toBeLessThan(60);
  // Every alarm still has its verdict: charted, or on a line of its own.
  for (const n of names) expect(body).toContain(`**\`${n}\`**: would have fired`);
  expect(body).toContain("(chart left out to keep the comment within GitHub's limit)");
  // Every chart is whole: as many closing fences as opening ones after the first chart.
  const fences = body.slice(body.indexOf('```mermaid')).match(/^```/gm)?.length ?? 0;
  expect(fences).toBe(charts * 2);
  // All sixty read one metric: one query, one call.
  expect(body).toContain('1 metric(s) requested in 1 GetMetricData call(s)');
}, 120_000);

test('backtest: false leaves the section out and reads no history', async () => {
  const account = freshAccount();
  const cwd = workspace({ 'stack.yaml': STACK, 'alarms.yaml': `alarms:\n${alarm('checkout-latency', '> 80')}` });
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(33),
    inputs: { backtest: 'false' },
    account,
    githubUrl: github.url,
  });
  expect(run.code).toBe(0);
  const body = github.comments.get(33)?.[0]?.body ?? '';
  expect(body).toContain('**Plan: 1 to add');
  expect(body).not.toContain('Backtest');
});
