/**
 * Apply converges through an unreliable AWS: 200 resources through a proxy that throttles 10% of
 * requests, fails 2% with 5xx and loses the answer of 1% after they took effect. One apply must
 * finish with nothing failed, nothing created twice, and a plan after it that is empty.
 */
import { DescribeAlarmsCommand, PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import {
  CreateLogGroupCommand,
  DescribeLogGroupsCommand,
  DescribeMetricFiltersCommand,
  PutMetricFilterCommand,
} from '@aws-sdk/client-cloudwatch-logs';
import {
  CreateTopicCommand,
  GetTopicAttributesCommand,
  ListSubscriptionsCommand,
  ListTopicsCommand,
} from '@aws-sdk/client-sns';
import type { TestAccount } from '../harness/emulator';
import { applyStack, planStack } from '../../src/core';
import { DEFAULT_QUOTAS } from '../../src/apply/rate-limiter';
import { startFaultProxy } from '../fault/fault-proxy';
import { generateStack } from '../bench/generate';
import { freshAccount, rawClients } from '../harness/emulator';
import { changeSummary, exampleCopy, optionsFor, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

/** Resources made by hand next to the stack, with names that look like the stack's own. */
async function seedUnowned(account: TestAccount): Promise<() => Promise<string>> {
  const aws = rawClients(account);
  await aws.logs.send(new CreateLogGroupCommand({ logGroupName: '/gen/svc0000-legacy' }));
  await aws.logs.send(
    new PutMetricFilterCommand({
      logGroupName: '/gen/svc0000-legacy',
      filterName: 'svc0000-errors',
      filterPattern: 'ERROR',
      metricTransformations: [{ metricNamespace: 'gen/svc0000', metricName: 'Errors', metricValue: '1' }],
    }),
  );
  await aws.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'svc0000-cpu-legacy',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 90,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  const topic = await aws.sns.send(new CreateTopicCommand({ Name: 'svc0000-alerts-legacy' }));
  // Everything AWS says about them, as text; only the seeded names.
  return async () =>
    JSON.stringify([
      (await aws.logs.send(new DescribeLogGroupsCommand({ logGroupNamePrefix: '/gen/svc0000-legacy' }))).logGroups,
      (await aws.logs.send(new DescribeMetricFiltersCommand({ logGroupName: '/gen/svc0000-legacy' }))).metricFilters,
      (await aws.cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: ['svc0000-cpu-legacy'] }))).MetricAlarms,
      (await aws.sns.send(new GetTopicAttributesCommand({ TopicArn: topic.TopicArn }))).Attributes,
      (await aws.sns.send(new ListTopicsCommand({}))).Topics?.filter((t) => t.TopicArn === topic.TopicArn),
    ]);
}

// AWS's real quotas (3 PutMetricAlarm/s) would make this test take a minute; pacing against them is
// measured by the quota benchmark instead. Here every operation may run at 100/s.
const FAST = Object.fromEntries(Object.keys(DEFAULT_QUOTAS).map((op) => [op, 100]));

test('200 resources converge in one apply under 10% throttling, 2% 5xx and 1% lost responses; unowned look-alikes are untouched', async () => {
  const account = freshAccount();
  const snapshotUnowned = await seedUnowned(account);
  const unownedBefore = await snapshotUnowned();
  const proxy = await startFaultProxy({
    target: account.endpoint,
    throttleRate: 0.1,
    errorRate: 0.02,
    lostResponseRate: 0.01,
    seed: 20261125,
  });
  try {
    const dir = stackDir(generateStack(200));
    const viaProxy = optionsFor(account, dir, { endpointUrl: proxy.endpoint });
    const run = await planStack(viaProxy);
    expect(run.plan.changes.filter((c) => c.action === 'create')).toHaveLength(200);

    const result = await applyStack(run, viaProxy, undefined, { quotas: FAST });
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(result.done).toBe(200);

    const faults = proxy.stats();
    const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    expect(total(faults.throttled)).toBeGreaterThan(20);
    expect(total(faults.errors)).toBeGreaterThan(2);
    expect(total(faults.lostResponses)).toBeGreaterThan(0);

    // Read directly, not through the proxy: nothing missing, nothing doubled.
    expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
    const aws = rawClients(account);
    const alarms = await aws.cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'], MaxRecords: 100 }),
    );
    expect(alarms.CompositeAlarms).toHaveLength(20);
    const subs = await aws.sns.send(new ListSubscriptionsCommand({}));
    expect(subs.Subscriptions).toHaveLength(20);
    expect(await snapshotUnowned()).toBe(unownedBefore);
  } finally {
    await proxy.stop();
  }
}, 120_000);

test('under 30% throttling and 5% 5xx on every operation, plan and apply of 200 resources converge with no failed change', async () => {
  const account = freshAccount();
  const proxy = await startFaultProxy({ target: account.endpoint, throttleRate: 0.3, errorRate: 0.05, seed: 20261207 });
  try {
    const dir = stackDir(generateStack(200));
    const viaProxy = optionsFor(account, dir, { endpointUrl: proxy.endpoint });
    const run = await planStack(viaProxy);
    expect(run.plan.changes.filter((c) => c.action === 'create')).toHaveLength(200);
    const result = await applyStack(run, viaProxy, undefined, { quotas: FAST });
    expect(result.outcomes.filter((o) => o.status !== 'done')).toEqual([]);
    expect(result.done).toBe(200);
    // The re-plan goes through the same faults: its reads survive them too, and find nothing to do.
    expect(changeSummary(await planStack(viaProxy))).toEqual([]);
    const faults = proxy.stats();
    const total = (m: Record<string, number>) => Object.values(m).reduce((a, b) => a + b, 0);
    const sent = total(faults.forwarded) + total(faults.throttled) + total(faults.errors);
    expect(total(faults.throttled) / sent).toBeGreaterThan(0.25);
    expect(total(faults.errors)).toBeGreaterThan(10);
    expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
  } finally {
    await proxy.stop();
  }
}, 300_000);

test('a change AWS refuses fails with its code; what depends on it is skipped; the rest is applied', async () => {
  const account = freshAccount();
  const proxy = await startFaultProxy({
    target: account.endpoint,
    denyOperations: { 'SNS.CreateTopic': 'AuthorizationError' },
  });
  try {
    const dir = exampleCopy();
    const options = optionsFor(account, dir, { endpointUrl: proxy.endpoint });
    const result = await applyStack(await planStack(options), options);
    const outcome = (o: (typeof result.outcomes)[number]) =>
      `${o.status} ${o.change.key.kind} ${o.change.key.name}${o.status === 'failed' ? ` ${o.error.awsCode}` : ''}`;
    // The SLO's window alarms notify nobody (its page and ticket composites do): they need no topic.
    const windows = ['14.4x-1h', '14.4x-5m', '1x-3d', '1x-6h', '6x-30m', '6x-6h'].map(
      (w) => `metricAlarm teachme-availability-burn-${w}`,
    );
    expect(result.outcomes.map(outcome).sort()).toEqual([
      'done logGroup /teachme/app',
      ...windows.map((w) => `done ${w}`),
      'done metricFilter monitors.teachme.teachme-errors',
      'done metricFilter monitors.teachme.teachme-requests',
      'failed topic teachme-alerts AuthorizationError',
      'failed topic teachme-tickets AuthorizationError',
      'skipped compositeAlarm teachme-availability-page',
      'skipped compositeAlarm teachme-availability-ticket',
      'skipped compositeAlarm teachme-degraded',
      'skipped metricAlarm teachme-cpu-high',
      'skipped metricAlarm teachme-errors',
      'skipped subscription email:oncall@example.com',
      'skipped subscription email:tickets@example.com',
    ]);
    // Once the permission is there, the next run does exactly what is left.
    const retry = await planStack(optionsFor(account, dir));
    expect(changeSummary(retry)).toEqual([
      'create compositeAlarm teachme-availability-page',
      'create compositeAlarm teachme-availability-ticket',
      'create compositeAlarm teachme-degraded',
      'create metricAlarm teachme-cpu-high',
      'create metricAlarm teachme-errors',
      'create subscription teachme-alerts → email:oncall@example.com',
      'create subscription teachme-tickets → email:tickets@example.com',
      'create topic teachme-alerts',
      'create topic teachme-tickets',
    ]);
  } finally {
    await proxy.stop();
  }
});

test('deleting a stack sends its alarm deletions in batches of up to 100 names, one composite each', async () => {
  const account = freshAccount();
  const dir = stackDir(generateStack(200));
  const options = optionsFor(account, dir);
  await applyStack(await planStack(options), options, undefined, { quotas: FAST });
  const proxy = await startFaultProxy({ target: account.endpoint });
  try {
    const empty = stackDir({ 'stack.yaml': 'stack:\n  name: gen\n  region: us-east-1\n' });
    const viaProxy = optionsFor(account, empty, { endpointUrl: proxy.endpoint, allowMassDelete: true });
    const result = await applyStack(await planStack(viaProxy), viaProxy);
    expect(result.failed + result.skipped).toBe(0);
    expect(result.done).toBe(200);
    // 100 alarms, 20 of them composites. AWS takes one composite per call: 20 calls. The 40 alarms
    // the composites name become deletable as each composite goes (paced at 3 calls a second), so
    // they go about two per call; the 40 others ride along with the composites. 100 alarms one by
    // one would be 100 calls.
    expect(proxy.stats().forwarded['CloudWatch.DeleteAlarms']).toBeLessThanOrEqual(45);
    const left = await rawClients(account).cloudwatch.send(
      new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm', 'CompositeAlarm'] }),
    );
    expect([left.MetricAlarms, left.CompositeAlarms]).toEqual([[], []]);
  } finally {
    await proxy.stop();
  }
});
