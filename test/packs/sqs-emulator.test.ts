/**
 * An SQS pack on the emulator: discovery lists the queues by prefix, reads their attributes and tags,
 * and a threshold read from the queue (80% of its retention) follows the queue: changing the
 * retention shows on the next plan as an ordinary threshold change.
 */
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateQueueCommand, SetQueueAttributesCommand, SQSClient } from '@aws-sdk/client-sqs';
import { planStack } from '../../src/core';
import { freshAccount, rawClients } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const STACK = `stack: { name: shop, region: us-east-1 }
packs:
  - service: sqs
    select: { prefix: orders-, tags: { team: shop } }
    except: [ApproximateNumberOfMessagesVisible]
`;

test('queues selected by prefix and tag get their alarms; a retention change is a threshold change', async () => {
  const account = freshAccount();
  const sqs = new SQSClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
  const make = (QueueName: string, tags: Record<string, string>, retention: number) =>
    sqs.send(new CreateQueueCommand({ QueueName, tags, Attributes: { MessageRetentionPeriod: String(retention) } }));
  const { QueueUrl } = await make('orders-new', { team: 'shop' }, 86400);
  await make('orders-audit', { team: 'finance' }, 86400);
  await make('billing', { team: 'shop' }, 86400);
  const options = optionsFor(account, stackDir({ 'stack.yaml': STACK }));

  const { run } = await reconcile(options);
  expect(changeSummary(run)).toEqual([
    'create metricAlarm sqs-orders-new-ApproximateAgeOfOldestMessage',
    'create metricAlarm sqs-orders-new-ApproximateNumberOfMessagesNotVisible',
    'create metricAlarm sqs-orders-new-NumberOfMessagesSent',
  ]);
  const alarms = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
  const age = alarms.MetricAlarms?.find((a) => a.AlarmName === 'sqs-orders-new-ApproximateAgeOfOldestMessage');
  expect(age).toMatchObject({ Threshold: 69120, Dimensions: [{ Name: 'QueueName', Value: 'orders-new' }] });
  expect(changeSummary(await planStack(options))).toEqual([]);

  await sqs.send(new SetQueueAttributesCommand({ QueueUrl, Attributes: { MessageRetentionPeriod: '172800' } }));
  const after = await planStack(options);
  const changed = after.plan.changes.filter((c) => c.action !== 'noop');
  expect(changed.map((c) => c.key.name)).toEqual(['sqs-orders-new-ApproximateAgeOfOldestMessage']);
  const only = changed[0];
  expect(only?.action).toBe('update');
  if (only?.action === 'update')
    expect(only.diffs.map((d) => [d.path, d.before, d.after])).toEqual([['threshold', 69120, 138240]]);
});
