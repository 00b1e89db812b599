/**
 * The reader follows every page: more alarms than DescribeAlarms returns at once (100), more log
 * groups than DescribeLogGroups (50), more topics than ListTopics (100). A reader that stopped at the
 * first page would plan creates for resources that exist.
 */
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { createClients } from '../../src/aws/clients';
import { readLiveState } from '../../src/aws/read-live';
import { OWNER_TAG } from '../../src/model';
import { freshAccount, rawClients } from '../harness/emulator';

test('alarms, log groups and topics beyond the first page are all read', async () => {
  const account = freshAccount();
  const aws = rawClients(account);
  const tags = [{ Key: OWNER_TAG, Value: 'big' }];
  const n = { alarms: 130, groups: 60, topics: 110 };
  const range = (k: number) => Array.from({ length: k }, (_, i) => String(i).padStart(3, '0'));
  for (const i of range(n.alarms)) {
    await aws.cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: `alarm-${i}`,
        Namespace: 'Big',
        MetricName: 'Errors',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 1,
        ComparisonOperator: 'GreaterThanThreshold',
        Tags: tags,
      }),
    );
  }
  for (const i of range(n.groups)) {
    await aws.logs.send(new CreateLogGroupCommand({ logGroupName: `/big/${i}`, tags: { [OWNER_TAG]: 'big' } }));
  }
  for (const i of range(n.topics)) await aws.sns.send(new CreateTopicCommand({ Name: `topic-${i}`, Tags: tags }));

  const clients = createClients({
    region: account.region,
    endpoint: account.endpoint,
    credentials: account.credentials,
  });
  const live = await readLiveState(clients, {
    stack: 'big',
    region: account.region,
    accountId: account.accountId,
    tagSource: 'per-resource',
    declared: { logGroups: [], alarms: [], topics: [] },
  });
  const count = (kind: string) => live.resources.filter((r) => r.spec.kind === kind && r.owned).length;
  expect([count('metricAlarm'), count('logGroup'), count('topic')]).toEqual([n.alarms, n.groups, n.topics]);

  const calls = clients.calls.snapshot();
  expect(calls['CloudWatch.DescribeAlarms']).toBe(2);
  expect(calls['CloudWatchLogs.DescribeLogGroups']).toBe(2);
  expect(calls['SNS.ListTopics']).toBe(2);
});
