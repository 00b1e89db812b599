/** DeleteAlarms batching: many deletions become few calls, and each caller still gets its own outcome. */
import { CloudWatchClient, DeleteAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import { AlarmDeleteBatcher } from '../../src/kinds/shared/alarm-deletes';

const cw = mockClient(CloudWatchClient);
afterEach(() => cw.reset());
afterAll(() => cw.restore());
const client = () =>
  new CloudWatchClient({
    region: 'us-east-1',
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    maxAttempts: 1,
  });
const names = (n: number) => Array.from({ length: n }, (_, i) => `alarm-${i}`);
const awsError = (name: string, status: number) =>
  Object.assign(new Error(`${name} happened`), { name, $metadata: { httpStatusCode: status } });

test('250 deletions made together are sent as 3 calls of at most 100 names', async () => {
  cw.on(DeleteAlarmsCommand).resolves({});
  const batcher = new AlarmDeleteBatcher(client());
  await Promise.all(names(250).map((n) => batcher.delete(n)));
  expect(cw.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input.AlarmNames?.length)).toEqual([100, 100, 50]);
});

test('each call carries at most one composite alarm, as AWS requires', async () => {
  cw.on(DeleteAlarmsCommand).resolves({});
  const batcher = new AlarmDeleteBatcher(client());
  await Promise.all([
    ...['c1', 'c2', 'c3'].map((n) => batcher.delete(n, true)),
    ...names(150).map((n) => batcher.delete(n)),
  ]);
  const calls = cw.commandCalls(DeleteAlarmsCommand).map((c) => c.args[0].input.AlarmNames ?? []);
  // The first 100 metric alarms fill a batch at once, taking the composites queued with them.
  expect(calls.map((names) => [names.filter((n) => n.startsWith('c')).length, names.length])).toEqual([
    [1, 100],
    [1, 2],
    [1, 1],
    [0, 50],
  ]);
});

test('when a batch is refused, each alarm is retried alone and gets its own outcome', async () => {
  cw.on(DeleteAlarmsCommand)
    .rejects(awsError('ResourceNotFound', 404))
    .on(DeleteAlarmsCommand, { AlarmNames: ['alarm-0'] })
    .resolves({})
    .on(DeleteAlarmsCommand, { AlarmNames: ['alarm-1'] })
    .rejects(awsError('ResourceNotFound', 404))
    .on(DeleteAlarmsCommand, { AlarmNames: ['alarm-2'] })
    .rejects(awsError('AccessDenied', 403));
  const batcher = new AlarmDeleteBatcher(client());
  const outcomes = await Promise.allSettled(names(3).map((n) => batcher.delete(n)));
  // Already gone counts as deleted; a refusal stays that alarm's own failure.
  expect(outcomes.map((o) => (o.status === 'fulfilled' ? 'ok' : (o.reason as Error).name))).toEqual([
    'ok',
    'ok',
    'AccessDenied',
  ]);
});

test('a throttled batch fails every caller with the throttling error, so each retries', async () => {
  cw.on(DeleteAlarmsCommand).rejects(awsError('Throttling', 400));
  const batcher = new AlarmDeleteBatcher(client());
  const outcomes = await Promise.allSettled(names(3).map((n) => batcher.delete(n)));
  expect(outcomes.map((o) => o.status === 'rejected' && (o.reason as Error).name)).toEqual([
    'Throttling',
    'Throttling',
    'Throttling',
  ]);
  // One call for all three, not one each: the callers' own retries will batch again.
  expect(cw.commandCalls(DeleteAlarmsCommand)).toHaveLength(1);
});
