/**
 * The live checks in the bundled action (node dist/index.js) on a pull request: the comment carries
 * the cost line with its breakdown collapsed and the findings at file:line; a secret dimension value
 * is never printed; `live-checks: false` keeps the cost line and leaves the checks out.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import { OWNER, REPO, TOKEN, pullRequestEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';

let github: FakeGitHub;
beforeEach(async () => {
  github = await startFakeGitHub({ owner: OWNER, repo: REPO, token: TOKEN });
});
afterEach(async () => github.stop());
afterAll(removeWorkspaces);

const STACK = 'stack:\n  name: shop\n  region: us-east-1\n';
const alarm = (dims: string) => `alarms:
  - name: shop-latency
    metric: { namespace: Shop, name: Latency, stat: Average, period: 5m, dimensions: { ${dims} } }
    threshold: '> 500'
`;

async function putLatency(account: TestAccount): Promise<void> {
  await rawClients(account).cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'Shop',
      MetricData: [
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-123' }],
          Timestamp: new Date(Date.now() - 600_000),
          Value: 120,
        },
      ],
    }),
  );
}

test('a new alarm on InstanceID: the cost line, the breakdown collapsed, and NO_SUCH_SERIES at its line', async () => {
  const account = freshAccount();
  await putLatency(account);
  const cwd = workspace({ 'stack.yaml': STACK, 'alarms.yaml': alarm('InstanceID: i-123') });
  const run = await runBundledAction({ cwd, event: pullRequestEvent(41), inputs: {}, account, githubUrl: github.url });
  expect(run.stderr).toBe('');
  expect(run.code).toBe(0);
  const body = github.comments.get(41)?.[0]?.body ?? '';
  expect(body).toContain('**Cost:** +$0.10/month; stack $0.10/month');
  expect(body).toMatch(
    /<details><summary>Cost breakdown<\/summary>\n\n- standard-resolution alarm metrics: 1 → \$0\.10/,
  );
  expect(body).toMatch(/- warning monitors\/alarms\.yaml:2:\d+ metric alarm shop-latency: NO\\_SUCH\\_SERIES/);
  expect(body).toContain('dimension name "InstanceId" for "InstanceID"');
  expect(run.summary).toContain('NO\\_SUCH\\_SERIES');
});

test('a dimension value from a secret is refused before any check or AWS call, and the value is printed nowhere', async () => {
  // Names and dimensions are never secret (issue 20): the file is refused at its place, so no live
  // check ever sees, suggests or prints the value.
  const account = freshAccount();
  await putLatency(account);
  const cwd = workspace({ 'stack.yaml': STACK, 'alarms.yaml': alarm('InstanceId: "${env:SHOP_INSTANCE}"') });
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(42),
    inputs: {},
    account,
    githubUrl: github.url,
    env: { SHOP_INSTANCE: 'i-124' },
  });
  expect(run.code).toBe(1);
  const body = github.comments.get(42)?.[0]?.body ?? '';
  expect(body).toContain(
    '`monitors/alarms.yaml:3:100` | error | alarms.0.metric.dimensions.InstanceId cannot come from ${env:}',
  );
  expect(body).toContain('Nothing was planned or sent to AWS.');
  expect(body).not.toContain('NO\\_SUCH\\_SERIES');
  const stdout = run.stdout.replace(/^::add-mask::.*$/gm, '');
  for (const text of [body, run.summary, stdout]) {
    expect(text).not.toContain('i-124');
    expect(text).not.toContain('i-123');
  }
});

test('live-checks: false keeps the cost line and leaves the checks out', async () => {
  const account = freshAccount();
  const cwd = workspace({ 'stack.yaml': STACK, 'alarms.yaml': alarm('InstanceID: i-123') });
  const run = await runBundledAction({
    cwd,
    event: pullRequestEvent(43),
    inputs: { 'live-checks': 'false', backtest: 'false' },
    account,
    githubUrl: github.url,
  });
  expect(run.code).toBe(0);
  const body = github.comments.get(43)?.[0]?.body ?? '';
  expect(body).toContain('**Cost:** +$0.10/month; stack $0.10/month');
  expect(body).not.toContain('Live checks');
  expect(body).not.toContain('NO\\_SUCH\\_SERIES');
});
