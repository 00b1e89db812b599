/**
 * Metric-math alarms (and EvaluateLowSampleCountPercentile) round-trip: what the handler sends to PutMetricAlarm, echoed back by
 * DescribeAlarms the way AWS does, must read back as the same spec. The emulator drops Metrics[]
 * (see test/README.md), so this one uses a mocked CloudWatch client.
 */
import {
  CloudWatchClient,
  DescribeAlarmsCommand,
  PutMetricAlarmCommand,
  type MetricAlarm,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { createClients } from '../../src/aws/clients';
import { readAlarms } from '../../src/kinds/shared/alarms-read';
import { HANDLERS } from '../../src/kinds';
import { OWNER_TAG, type SpecOf } from '../../src/model';

const spec: SpecOf<'metricAlarm'> = {
  kind: 'metricAlarm',
  name: 'checkout-error-rate',
  description: 'more than 5% of checkouts fail',
  metrics: [
    {
      id: 'errors',
      metricStat: {
        namespace: 'Shop',
        metricName: 'Errors',
        dimensions: { Route: '/checkout' },
        period: 60,
        stat: 'Sum',
      },
      returnData: false,
    },
    {
      id: 'requests',
      metricStat: { namespace: 'Shop', metricName: 'Requests', dimensions: {}, period: 60, stat: 'Sum', unit: 'Count' },
      returnData: false,
    },
    { id: 'rate', expression: 'errors / requests * 100', label: 'error rate %', returnData: true },
  ],
  threshold: 5,
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 5,
  datapointsToAlarm: 3,
  treatMissingData: 'notBreaching',
  evaluateLowSampleCountPercentile: 'ignore',
  actionsEnabled: true,
  alarmActions: ['arn:aws:sns:us-east-1:123456789012:pager'],
  okActions: [],
  insufficientDataActions: [],
  tags: { [OWNER_TAG]: 'shop' },
};

/** DescribeAlarms' view of an alarm created with this input (AWS omits DatapointsToAlarm when equal). */
function echo(input: PutMetricAlarmCommandInput): MetricAlarm {
  const { Tags: _tags, ...rest } = input;
  return { ...rest, AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${input.AlarmName}` } as MetricAlarm;
}

test('a metric-math alarm is sent with Metrics[] and reads back as the same spec', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(PutMetricAlarmCommand).resolves({});
  const clients = createClients({ region: 'us-east-1', credentials: { accessKeyId: 'k', secretAccessKey: 's' } });
  const ctx = {
    clients,
    stack: { name: 'shop', region: 'us-east-1', defaultTags: {} },
    region: 'us-east-1',
    accountId: '1',
  };

  await HANDLERS.metricAlarm.create(ctx, spec);
  const sent = cw.commandCalls(PutMetricAlarmCommand)[0]?.args[0].input;
  expect(sent?.Metrics?.map((q) => q.Id)).toEqual(['errors', 'requests', 'rate']);
  expect(sent?.Metrics?.[0]?.MetricStat?.Metric?.Dimensions).toEqual([{ Name: 'Route', Value: '/checkout' }]);
  expect(sent).not.toHaveProperty('MetricName', expect.anything());

  cw.on(DescribeAlarmsCommand).resolves({ MetricAlarms: [echo(sent!)], CompositeAlarms: [] });
  const [live] = await readAlarms(clients);
  const { tags: _tags, ...withoutTags } = spec;
  expect(live?.spec).toEqual(withoutTags);
  cw.restore();
});
