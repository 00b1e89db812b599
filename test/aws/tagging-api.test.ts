/**
 * The batch ownership read: one paged GetResources listing instead of a tag call per resource.
 * The emulator does not serve the tagging API for alarms and log groups (test/README.md), so the
 * clients are mocked here; the per-resource path is covered on the emulator.
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
import { readLiveState } from '../../src/aws/read-live';
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

test('ownership comes from two GetResources pages; only a declared unowned alarm costs a tag call', async () => {
  const cw = mockClient(CloudWatchClient);
  const logs = mockClient(CloudWatchLogsClient);
  const sns = mockClient(SNSClient);
  const tagging = mockClient(ResourceGroupsTaggingAPIClient);
  // The dashboards' reader lists on the same client (they are owned by name, not by tag).
  cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [] });
  cw.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: ['mine', 'theirs', 'by-hand-declared', 'by-hand-other'].map(alarm),
    CompositeAlarms: [],
  });
  cw.on(ListAlarmTags).resolves({ Tags: [{ Key: 'team', Value: 'web' }] });
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  sns.on(ListTopicsCommand).resolves({ Topics: [] });
  sns.on(ListSubscriptionsCommand).resolves({ Subscriptions: [] });
  // No chat forwarder in this account: its readers list nothing.
  mockClient(LambdaClient).on(ListFunctionsCommand).resolves({ Functions: [] });
  mockClient(SQSClient).on(ListQueuesCommand).resolves({ QueueUrls: [] });
  mockClient(IAMClient).on(ListRolesCommand).resolves({ Roles: [] });
  tagging
    .on(GetResourcesCommand)
    .resolvesOnce({
      ResourceTagMappingList: [{ ResourceARN: arn('mine'), Tags: [{ Key: OWNER_TAG, Value: 'shop' }] }],
      PaginationToken: 'page-2',
    })
    .resolvesOnce({
      ResourceTagMappingList: [{ ResourceARN: arn('theirs'), Tags: [{ Key: OWNER_TAG, Value: 'billing' }] }],
      PaginationToken: '',
    });

  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const live = await readLiveState(clients, {
    stack: 'shop',
    region: 'us-east-1',
    accountId: '123456789012',
    tagSource: 'tagging-api',
    declared: { alarms: ['mine', 'by-hand-declared'], logGroups: [], topics: [] },
  });

  const seen = live.resources
    .map((r) => [r.spec.kind === 'metricAlarm' ? r.spec.name : '', r.owned, r.ownerStack ?? null])
    .sort();
  expect(seen).toEqual([
    ['by-hand-declared', false, null],
    ['mine', true, null],
  ]);
  expect(tagging.commandCalls(GetResourcesCommand).map((c) => c.args[0].input.PaginationToken)).toEqual([
    undefined,
    'page-2',
  ]);
  expect(cw.commandCalls(ListAlarmTags).map((c) => c.args[0].input.ResourceARN)).toEqual([arn('by-hand-declared')]);
  for (const m of [cw, logs, sns, tagging]) m.restore();
});

test('an alarm deleted between the listing and its tag read (ResourceNotFound) is gone, not an internal error (issue 20)', async () => {
  const cw = mockClient(CloudWatchClient);
  const logs = mockClient(CloudWatchLogsClient);
  const sns = mockClient(SNSClient);
  cw.on(ListDashboardsCommand).resolves({ DashboardEntries: [] });
  cw.on(DescribeAlarmsCommand).resolves({
    MetricAlarms: ['kept', 'deleted-meanwhile'].map(alarm),
    CompositeAlarms: [],
  });
  cw.on(ListAlarmTags, { ResourceARN: arn('kept') }).resolves({ Tags: [{ Key: OWNER_TAG, Value: 'shop' }] });
  cw.on(ListAlarmTags, { ResourceARN: arn('deleted-meanwhile') }).rejects(
    Object.assign(new Error('Alarm deleted-meanwhile does not exist'), { name: 'ResourceNotFoundException' }),
  );
  logs.on(DescribeLogGroupsCommand).resolves({ logGroups: [] });
  logs.on(DescribeMetricFiltersCommand).resolves({ metricFilters: [] });
  sns.on(ListTopicsCommand).resolves({ Topics: [] });
  sns.on(ListSubscriptionsCommand).resolves({ Subscriptions: [] });
  mockClient(LambdaClient).on(ListFunctionsCommand).resolves({ Functions: [] });
  mockClient(SQSClient).on(ListQueuesCommand).resolves({ QueueUrls: [] });
  mockClient(IAMClient).on(ListRolesCommand).resolves({ Roles: [] });
  const clients = createClients({
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
  });
  const live = await readLiveState(clients, {
    stack: 'shop',
    region: 'us-east-1',
    accountId: '123456789012',
    tagSource: 'per-resource',
    declared: { alarms: ['kept', 'deleted-meanwhile'], logGroups: [], topics: [] },
  });
  expect(live.resources.map((r) => (r.spec as { name: string }).name)).toEqual(['kept']);
});
