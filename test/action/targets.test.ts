/**
 * The bundled action on a stack with targets (two accounts, the second through AssumeRole; two
 * regions): the pull request comment has a summary row and a section per target, a target that
 * cannot be planned is named there without hiding the others, and a push applies every target.
 */
import { randomInt } from 'crypto';
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { freshAccount, rawClients } from '../harness/emulator';
import { startFakeGitHub, type FakeGitHub } from './fake-github';
import {
  OWNER,
  REPO,
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

const account = freshAccount();
const other = String(randomInt(100_000_000_000, 999_999_999_999));
const stranger = String(randomInt(100_000_000_000, 999_999_999_999));

function files(withWrongTarget: boolean): Record<string, string> {
  const wrong = withWrongTarget ? `    - name: wrong\n      account: '${stranger}'\n      regions: [us-east-2]\n` : '';
  return {
    'stack.yaml': `stack:
  name: shop
  targets:
    - name: prod
      account: '${account.accountId}'
      regions: [us-east-1, eu-west-1]
    - name: staging
      account: '${other}'
      role: arn:aws:iam::${other}:role/monitors-apply
      regions: [eu-west-1]
${wrong}topics:
  - name: shop-alerts
alarms:
  - name: shop-5xx-\${target.region}
    metric:
      namespace: AWS/ApplicationELB
      name: HTTPCode_Target_5XX_Count
      stat: Sum
      period: 1m
    threshold: '> 10'
    notify: shop-alerts
`,
  };
}

test('pull request: one comment with a summary row and a section per target, the failed target named', async () => {
  const r = await runBundledAction({
    cwd: workspace(files(true)),
    event: pullRequestEvent(9),
    inputs: {},
    account,
    githubUrl: github.url,
  });
  expect(r.code).toBe(1);
  const comments = github.comments.get(9) ?? [];
  expect(comments).toHaveLength(1);
  const body = comments[0]?.body ?? '';
  expect(body).toContain('### monitors plan: stack `shop`, 4 target(s)');
  expect(body).toContain('**4 target(s): 3 with changes, 0 unchanged, 1 failed.**');
  const rows = body.split('\n').filter((l) => l.startsWith('| `'));
  expect(rows).toEqual([
    `| \`prod\` | \`${account.accountId}\` | \`us-east-1\` | Plan: 2 to add, 0 to change, 0 to replace, 0 to delete. |`,
    `| \`prod\` | \`${account.accountId}\` | \`eu-west-1\` | Plan: 2 to add, 0 to change, 0 to replace, 0 to delete. |`,
    `| \`staging\` | \`${other}\` | \`eu-west-1\` | Plan: 2 to add, 0 to change, 0 to replace, 0 to delete. |`,
    expect.stringMatching(
      new RegExp(
        `^\\| \`wrong\` \\| \`${stranger}\` \\| \`us-east-2\` \\| ❌ failed: \`TARGET\` the credentials for target wrong/us-east-2 reach account ${account.accountId}`,
      ),
    ),
  ]);
  // A section per target, each with its own changes; the alarm's name carries its region.
  for (const label of ['prod/us-east-1', 'prod/eu-west-1', 'staging/eu-west-1'])
    expect(body).toContain(`#### Target \`${label}\``);
  expect(body).toContain('<code>+ metric alarm shop-5xx-us-east-1</code>');
  expect(body.match(/<code>\+ metric alarm shop-5xx-eu-west-1<\/code>/g)).toHaveLength(2);
  expect(body).toContain('#### Target `wrong/us-east-2`');
  expect(body).toContain('The other targets were planned as usual.');
  expect(r.outputs['has-changes']).toBe('true');
  expect(r.outputs.summary).toBe('4 target(s): 3 with changes, 0 unchanged, 1 failed.');
});

test('push: every target is applied, each in its own account and region', async () => {
  const r = await runBundledAction({
    cwd: workspace(files(false)),
    event: pushEvent,
    inputs: { mode: 'apply', comment: 'false' },
    account,
    githubUrl: github.url,
  });
  expect(r.stderr).toBe('');
  expect(r.code).toBe(0);
  expect(r.outputs.summary).toBe('Apply complete in 3 target(s): 3 applied, 0 unchanged, 0 failed.');
  for (const [id, region] of [
    [account.accountId, 'us-east-1'],
    [account.accountId, 'eu-west-1'],
    [other, 'eu-west-1'],
  ] as const) {
    const { cloudwatch } = rawClients({ ...account, region, credentials: { accessKeyId: id, secretAccessKey: 't' } });
    const alarms = (await cloudwatch.send(new DescribeAlarmsCommand({}))).MetricAlarms ?? [];
    expect(alarms.map((a) => [a.AlarmName, a.AlarmActions])).toEqual([
      [`shop-5xx-${region}`, [`arn:aws:sns:${region}:${id}:shop-alerts`]],
    ]);
  }
});

test('schedule: drift in one target opens one issue naming that target, closed once it matches again', async () => {
  // The stack as the previous test applied it.
  const cwd = workspace(files(false));
  const drift = () =>
    runBundledAction({ cwd, event: scheduleEvent, inputs: { mode: 'drift' }, account, githubUrl: github.url });
  const staging = rawClients({
    ...account,
    region: 'eu-west-1',
    credentials: { accessKeyId: other, secretAccessKey: 't' },
  }).cloudwatch;
  const [live] =
    (await staging.send(new DescribeAlarmsCommand({ AlarmNames: ['shop-5xx-eu-west-1'] }))).MetricAlarms ?? [];
  await staging.send(new PutMetricAlarmCommand({ ...(live as object), Threshold: 99 } as never));

  const opened = await drift();
  expect(opened.code).toBe(0);
  expect(opened.outputs.summary).toBe('3 target(s): 1 with changes, 2 unchanged.');
  const issues = [...github.issues.values()];
  expect(issues.map((i) => [i.title, i.state])).toEqual([['monitors drift: stack shop', 'open']]);
  const rows = (issues[0]?.body ?? '').split('\n').filter((l) => l.startsWith('| `'));
  expect(rows).toEqual([
    `| \`prod\` | \`${account.accountId}\` | \`us-east-1\` | No changes. |`,
    `| \`prod\` | \`${account.accountId}\` | \`eu-west-1\` | No changes. |`,
    `| \`staging\` | \`${other}\` | \`eu-west-1\` | Plan: 0 to add, 1 to change, 0 to replace, 0 to delete. |`,
  ]);
  expect(issues[0]?.body).toContain('! threshold: 99 → 10');

  await staging.send(new PutMetricAlarmCommand({ ...(live as object) } as never));
  const closed = await drift();
  expect(closed.outputs['has-changes']).toBe('false');
  expect(issues[0]?.state).toBe('closed');
});
