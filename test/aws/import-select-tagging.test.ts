/**
 * Import's select mode on the tagging-API path (the default on AWS), which the emulator does not
 * serve for alarms: a selected alarm's tags come from the one batched listing when it is tagged,
 * else from one tag call; an alarm outside the selection costs nothing past the listing, even one
 * this stack owns.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  ListDashboardsCommand,
  ListTagsForResourceCommand as ListAlarmTags,
  type MetricAlarm,
} from '@aws-sdk/client-cloudwatch';
import {
  CloudWatchLogsClient,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import { GetResourcesCommand, ResourceGroupsTaggingAPIClient } from '@aws-sdk/client-resource-groups-tagging-api';
import { ListSubscriptionsCommand, ListTopicsCommand, SNSClient } from '@aws-sdk/client-sns';
import { IAMClient, ListRolesCommand } from '@aws-sdk/client-iam';
import { LambdaClient, ListFunctionsCommand } from '@aws-sdk/client-lambda';
import { ListQueuesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { readSelection } from '../../src/import/read';
import { OWNER_TAG } from '../../src/model';

const arn = (name: string) => `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`;
const alarm = (name: string): MetricAlarm => ({
  AlarmName: name,
  AlarmArn: arn(name),
  Namespace: 'Shop',
  MetricName: 'Errors',
  Statistic: 'Sum',
  Period: 60,
  EvaluationPeriods: 1,
  Threshold: 1,
  ComparisonOperator: 'GreaterThanThreshold',
});

test('selected alarms are read (tagged ones from the batch), others never past the listing', async () => {
  const cw = mockClient(CloudWatchClient);
  const logs = mockClient(CloudWatchLogsClient);
  const sns = mockClient(SNSClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  cw.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: ['shop-tagged', 'shop-by-hand', 'other-by-hand', 'other-owned'].map(alarm),
    CompositeAlarms: [],
  });
  cw.on(ListAlarmTags).resolves({ Tags: [{ Key: 'team', Value: 'web' }] });
  cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  sns.on(ListTopicsCommand).resolves({ Topics: [] });
  sns.on(ListSubscriptionsCommand).resolves({ Subscriptions: [] });
  // No chat forwarder in this account: its readers list nothing.
  mockClient(LambdaClient).on(ListFunctionsCommand).resolves({ Functions: [] });
  mockClient(SQSClient).on(ListQueuesCommand).resolves({ QueueUrls: [] });
  mockClient(IAMClient).on(ListRolesCommand).resolves({ Roles: [] });
  tagging.on(GetResourcesCommand).resolves({
    ResourceTagMappingList: [
      { ResourceARN: arn('shop-tagged'), Tags: [{ Key: OWNER_TAG, Value: 'billing' }] },
      { ResourceARN: arn('other-owned'), Tags: [{ Key: OWNER_TAG, Value: 'shop' }] },
    ],
  });

  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const read = await readSelection(clients, {
    stack: 'shop',
    region: 'us-east-1',
    accountId: '123456789012',
    tagSource: 'tagging-api',
    selection: { all: false, logGroupPrefixes: [], alarmPrefixes: ['shop-'], topics: [] },
  });

  expect(read.map((r) => [r.spec.kind === 'metricAlarm' && r.spec.name, r.owned, r.ownerStack]).sort()).toEqual([
    ['shop-by-hand', false, undefined],
    ['shop-tagged', false, 'billing'],
  ]);
  // One tag call, for the selected alarm the batch did not know; none for those outside the selection.
  expect(cw.commandCalls(ListAlarmTags).map((c) => c.args[0].input.ResourceARN)).toEqual([arn('shop-by-hand')]);
  expect(tagging.commandCalls(GetResourcesCommand)).toHaveLength(1);
  cw.restore();
  logs.restore();
  sns.restore();
  tagging.restore();
});
