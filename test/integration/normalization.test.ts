/**
 * Each normalization, with the file form that would otherwise be planned as a change forever: apply
 * it to the emulator, plan again, and the plan must be empty.
 */
import { freshAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';
import { planStack } from '../../src/core';

afterAll(removeStackDirs);

const STACK = 'stack:\n  name: norm\n  region: us-east-1\ntopics:\n  - name: norm-a\n  - name: norm-b\n';
const ALARM = (extra: string, name = 'n1') =>
  `alarms:\n  - name: ${name}\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average }\n    threshold: '> 1'\n${extra}`;

const CASES: readonly { name: string; file: string; account?: (id: string) => string }[] = [
  {
    name: 'composite rule written over several lines with extra spaces',
    file: `${ALARM('')}compositeAlarms:\n  - name: c1\n    rule: |\n      ALARM("n1")\n         OR    OK("n1")\n`,
  },
  {
    name: 'e-mail with an upper-case domain',
    file: 'topics:\n  - name: mail\n    subscriptions:\n      - email: OnCall@Example.COM\n',
  },
  {
    name: 'dimensions in reverse alphabetical order',
    file: `alarms:\n  - name: d1\n    metric: { namespace: AWS/EC2, name: CPUUtilization, stat: Average, dimensions: { Zone: b, InstanceId: i-1, AutoScalingGroupName: g } }\n    threshold: '> 1'\n`,
  },
  {
    name: 'period as a duration string',
    file: ALARM('    evaluationPeriods: 2\n').replace('stat: Average', 'stat: Average, period: 5m'),
  },
  {
    name: 'an empty action list next to absent ones',
    file: ALARM('    onOk: []\n    notify: [norm-b, norm-a, norm-b]\n'),
  },
  { name: 'threshold with trailing zeros', file: ALARM('').replace("'> 1'", "'>= 2.50'") },
  { name: 'datapointsToAlarm and treatMissingData left to their defaults', file: ALARM('    evaluationPeriods: 3\n') },
  {
    name: 'filter policy keys in any order',
    file: `topics:\n  - name: fp\n    subscriptions:\n      - sqs: arn:aws:sqs:us-east-1:000000000000:q\n        filterPolicy: { severity: [high, critical], env: [prod] }\n`,
  },
  { name: 'retention as 1y', file: 'logGroups:\n  - name: /norm/year\n    retention: 1y\n' },
  {
    name: 'a topic given as a full ARN instead of its name',
    file: '',
    account: (id) => ALARM(`    notify: arn:aws:sns:us-east-1:${id}:norm-a\n`),
  },
  { name: 'an empty description', file: ALARM("    description: ''\n") },
  {
    name: 'a monitor (expanded filter + alarm) with a quoted pattern',
    file: "logGroups:\n  - name: /norm/app\nmonitors:\n  - { name: m1, logGroup: /norm/app, pattern: '\"timed out\"', metric: Norm/Timeouts, alarm: '> 5 in 5m for 2 of 3' }\n",
  },
];

describe.each(CASES)('$name', (c) => {
  test('applies, then plans no change', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': STACK, 'case.yaml': c.account ? c.account(account.accountId) : c.file });
    const { run } = await reconcile(optionsFor(account, dir));
    expect(changeSummary(run).length).toBeGreaterThan(0);
    const again = await planStack(optionsFor(account, dir));
    expect(again.plan.changes.filter((x) => x.action !== 'noop')).toEqual([]);
  });
});
