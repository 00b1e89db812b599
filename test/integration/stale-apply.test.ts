/**
 * What was reviewed is what is applied: a resource that another stack re-tags, a person edits, or
 * another stack deletes and makes again between the plan and its confirmation is skipped and
 * reported, never overwritten or deleted; what depends on it is skipped too; the rest runs.
 */
import {
  DeleteAlarmsCommand,
  DescribeAlarmsCommand,
  ListTagsForResourceCommand,
  PutMetricAlarmCommand,
  TagResourceCommand,
} from '@aws-sdk/client-cloudwatch';
import { ListSubscriptionsByTopicCommand, TagResourceCommand as TagTopicCommand } from '@aws-sdk/client-sns';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { applyStack, planStack } from '../../src/core';
import { renderApplySummary } from '../../src/render/apply-summary';
import { startTaggingShim } from '../bench/tagging-shim';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const STACK = 'stack:\n  name: shop\n  region: us-east-1\n';
const alarm = (name: string, threshold: number) =>
  `  - name: ${name}\n    metric: { namespace: Shop, name: Orders, stat: Sum, period: 60 }\n    threshold: ">= ${threshold}"\n`;

async function alarmNamed(account: TestAccount, name: string) {
  const out = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({ AlarmNames: [name] }));
  return out.MetricAlarms?.[0];
}

async function ownerOf(account: TestAccount, arn: string): Promise<string | undefined> {
  const out = await rawClients(account).cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }));
  return out.Tags?.find((t) => t.Key === 'monitors:stack')?.Value;
}

/** Another stack's own alarm of that name, as its apply would make it. */
async function putForeignAlarm(account: TestAccount, name: string, threshold: number, owner = 'billing') {
  await rawClients(account).cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: name,
      Namespace: 'Billing',
      MetricName: 'Invoices',
      Statistic: 'Sum',
      Period: 60,
      EvaluationPeriods: 1,
      Threshold: threshold,
      ComparisonOperator: 'GreaterThanThreshold',
      Tags: [{ Key: 'monitors:stack', Value: owner }],
    }),
  );
}

describe('a plan confirmed after AWS changed', () => {
  test('an alarm re-tagged by another stack is skipped, not overwritten; the rest applies; the summary names it', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': `${STACK}alarms:\n${alarm('orders-low', 1)}${alarm('orders-high', 100)}` });
    await reconcile(optionsFor(account, dir));
    writeFileSync(
      path.join(dir, 'stack.yaml'),
      `${STACK}alarms:\n${alarm('orders-low', 2)}${alarm('orders-high', 200)}`,
    );
    const run = await planStack(optionsFor(account, dir));
    expect(changeSummary(run)).toEqual(['update metricAlarm orders-high', 'update metricAlarm orders-low']);

    // Between the plan and "yes": another stack claims orders-low.
    const low = await alarmNamed(account, 'orders-low');
    await rawClients(account).cloudwatch.send(
      new TagResourceCommand({ ResourceARN: low?.AlarmArn, Tags: [{ Key: 'monitors:stack', Value: 'billing' }] }),
    );

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.done).toBe(1);
    expect(result.skipped).toBe(1);
    const skipped = result.outcomes.find((o) => o.status === 'skipped');
    expect(skipped).toMatchObject({ stale: true, change: { key: { name: 'orders-low' } } });
    expect((await alarmNamed(account, 'orders-low'))?.Threshold).toBe(1);
    expect(await ownerOf(account, low?.AlarmArn ?? '')).toBe('billing');
    expect((await alarmNamed(account, 'orders-high'))?.Threshold).toBe(200);

    const summary = renderApplySummary(result);
    expect(summary).toContain(
      'skipped  update metric alarm orders-low: it is now owned by stack "billing" (changed since the plan); not overwritten',
    );
    expect(summary).toMatch(/1 change\(s\) were not applied because AWS changed since the plan/);
  });

  test('an alarm a person edited since the plan is skipped and keeps the edit', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': `${STACK}alarms:\n${alarm('orders-low', 1)}` });
    await reconcile(optionsFor(account, dir));
    writeFileSync(path.join(dir, 'stack.yaml'), `${STACK}alarms:\n${alarm('orders-low', 2)}`);
    const run = await planStack(optionsFor(account, dir));

    const live = await alarmNamed(account, 'orders-low');
    await rawClients(account).cloudwatch.send(
      new PutMetricAlarmCommand({
        AlarmName: 'orders-low',
        Namespace: 'Shop',
        MetricName: 'Orders',
        Statistic: 'Sum',
        Period: 60,
        EvaluationPeriods: 1,
        Threshold: 7,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      }),
    );
    expect(await ownerOf(account, live?.AlarmArn ?? '')).toBe('shop');

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.outcomes).toEqual([
      expect.objectContaining({ status: 'skipped', stale: true, reason: 'it changed since the plan; not overwritten' }),
    ]);
    expect((await alarmNamed(account, 'orders-low'))?.Threshold).toBe(7);
  });

  test('an alarm deleted and made again by another stack since the plan is not deleted', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': `${STACK}alarms:\n${alarm('orders-low', 1)}${alarm('orders-old', 5)}` });
    await reconcile(optionsFor(account, dir));
    writeFileSync(path.join(dir, 'stack.yaml'), `${STACK}alarms:\n${alarm('orders-low', 1)}`);
    const run = await planStack(optionsFor(account, dir));
    expect(changeSummary(run)).toEqual(['delete metricAlarm orders-old']);

    await rawClients(account).cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: ['orders-old'] }));
    await putForeignAlarm(account, 'orders-old', 9);

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        status: 'skipped',
        stale: true,
        reason: 'it is now owned by stack "billing" (changed since the plan); not deleted',
      }),
    ]);
    const kept = await alarmNamed(account, 'orders-old');
    expect(kept).toMatchObject({ Namespace: 'Billing', Threshold: 9 });
    expect(await ownerOf(account, kept?.AlarmArn ?? '')).toBe('billing');
  });

  test('an alarm another stack created since the plan is not overwritten by our create', async () => {
    const account = freshAccount();
    const dir = stackDir({ 'stack.yaml': `${STACK}alarms:\n${alarm('orders-low', 1)}` });
    const run = await planStack(optionsFor(account, dir));
    expect(changeSummary(run)).toEqual(['create metricAlarm orders-low']);
    await putForeignAlarm(account, 'orders-low', 3);

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.outcomes).toEqual([
      expect.objectContaining({
        status: 'skipped',
        stale: true,
        reason: 'it was created by stack "billing" since the plan; not overwritten',
      }),
    ]);
    expect(await alarmNamed(account, 'orders-low')).toMatchObject({ Namespace: 'Billing', Threshold: 3 });
  });

  test('what depends on a skipped change is skipped too: no subscription on a topic another stack took', async () => {
    const account = freshAccount();
    const topic = (display: string, subs = '') =>
      `${STACK}topics:\n  - name: shop-alerts\n    displayName: ${display}\n${subs}`;
    const dir = stackDir({ 'stack.yaml': topic('Shop') });
    await reconcile(optionsFor(account, dir));
    writeFileSync(
      path.join(dir, 'stack.yaml'),
      topic('Shop alerts', '    subscriptions:\n      - email: oncall@example.com\n'),
    );
    const run = await planStack(optionsFor(account, dir));
    expect(changeSummary(run)).toEqual([
      'create subscription shop-alerts → email:oncall@example.com',
      'update topic shop-alerts',
    ]);
    const topicArn = `arn:aws:sns:us-east-1:${account.accountId}:shop-alerts`;
    await rawClients(account).sns.send(
      new TagTopicCommand({ ResourceArn: topicArn, Tags: [{ Key: 'monitors:stack', Value: 'billing' }] }),
    );

    const result = await applyStack(run, optionsFor(account, dir));
    expect(result.outcomes.map((o) => [o.status, o.change.key.kind, o.status === 'skipped' && o.reason])).toEqual([
      ['skipped', 'topic', 'it is now owned by stack "billing" (changed since the plan); not overwritten'],
      ['skipped', 'subscription', 'depends on topic shop-alerts, which was skipped'],
    ]);
    const subs = await rawClients(account).sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
    expect(subs.Subscriptions).toEqual([]);
  });

  test('the re-check reads each touched kind once in a batch, and kinds the apply does not touch not at all', async () => {
    const account = freshAccount();
    // The tagging API (the default on AWS) through the benchmark's shim: the emulator lacks it for alarms.
    const shim = await startTaggingShim(account.endpoint);
    const names = Array.from({ length: 12 }, (_, i) => `orders-${i}`);
    const dir = stackDir({});
    const write = (t: number) =>
      writeFileSync(
        path.join(dir, 'stack.yaml'),
        `${STACK}logGroups:\n  - name: /shop/app\nalarms:\n${names.map((n) => alarm(n, t)).join('')}`,
      );
    const options = optionsFor(account, dir, { endpointUrl: shim.endpoint, tagSource: 'tagging-api' });
    try {
      write(1);
      await reconcile(options);
      write(2);
      const run = await planStack(options);
      expect(changeSummary(run)).toHaveLength(12);
      const result = await applyStack(run, options);
      expect(result.done).toBe(12);
      // The whole re-check of 12 alarms: one DescribeAlarms page and one GetResources page, no call
      // per alarm; log groups, untouched, are not re-read at all. Then the 12 writes, and the lock's
      // put (its release, two more calls, comes after the count is taken).
      expect(result.calls).toEqual({
        'CloudWatch.DescribeAlarms': 1,
        'CloudWatch.PutMetricAlarm': 12,
        'SSM.PutParameter': 1,
        'Tagging.GetResources': 1,
      });
    } finally {
      await shim.stop();
    }
  });
});
