/**
 * Adopting a console-made topic shows, in the same plan, every subscription on it that the files
 * do not declare and what happens to it: kept and left unmanaged, in that plan and every later one.
 * Declaring one later takes it over; only then can removing it from the files delete it.
 */
import {
  CreateTopicCommand,
  ListSubscriptionsByTopicCommand,
  ListTagsForResourceCommand,
  SubscribeCommand,
} from '@aws-sdk/client-sns';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { planStack } from '../../src/core';
import { renderJson, renderMarkdown, renderText } from '../../src/render';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

afterAll(removeStackDirs);

const HOOK = 'http://127.0.0.1:9/hooks/T000/B000?token=HANDMADE-SECRET-7731';
const files = (emails: string[]) =>
  'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: shop-alerts\n    subscriptions:\n' +
  emails.map((e) => `      - email: ${e}\n`).join('');

async function endpointsOn(account: TestAccount, topicArn: string): Promise<string[]> {
  const out = await rawClients(account).sns.send(new ListSubscriptionsByTopicCommand({ TopicArn: topicArn }));
  return (out.Subscriptions ?? []).map((s) => `${s.Protocol}:${s.Endpoint}`).sort();
}

test('adopting a hand-made topic keeps its undeclared subscriptions, says so, and the next plans leave them alone', async () => {
  const account = freshAccount();
  const sns = rawClients(account).sns;
  const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'shop-alerts' }));
  for (const [Protocol, Endpoint] of [
    ['email', 'ops@example.com'],
    ['email', 'boss@example.com'],
    ['http', HOOK],
  ] as const)
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol, Endpoint, ReturnSubscriptionArn: true }));
  const all = ['email:boss@example.com', 'email:ops@example.com', `http:${HOOK}`];
  expect(await endpointsOn(account, topicArn)).toEqual(all);

  const dir = stackDir({ 'stack.yaml': files(['ops@example.com']) });
  const run = await planStack(optionsFor(account, dir));
  expect(changeSummary(run)).toEqual([
    'adopt subscription shop-alerts → email:ops@example.com',
    'adopt topic shop-alerts',
  ]);
  const text = renderText(run.plan, { color: false });
  expect(text).toContain(
    "Warning: subscription shop-alerts → email:boss@example.com on adopted topic shop-alerts is not declared in monitors/: it is kept and left unmanaged, now and in later plans (marked in the topic's tag monitors:unmanaged-subscriptions).",
  );
  expect(text).toContain(
    'Warning: subscription shop-alerts → http://127.0.0.1/… on adopted topic shop-alerts is not declared in monitors/: it is kept and left unmanaged',
  );
  expect(text).toContain('+ tags.monitors:unmanaged-subscriptions:');
  // A hand-made endpoint is no declared secret, yet its token must not reach a comment either.
  for (const out of [text, renderMarkdown(run.plan), renderJson(run.plan)])
    expect(out).not.toContain('HANDMADE-SECRET');

  await reconcile(optionsFor(account, dir));
  const tags = await sns.send(new ListTagsForResourceCommand({ ResourceArn: topicArn }));
  const marker = tags.Tags?.find((t) => t.Key === 'monitors:unmanaged-subscriptions')?.Value ?? '';
  expect(marker.split(' ')).toHaveLength(2);
  expect(await endpointsOn(account, topicArn)).toEqual(all);

  // The next plan: nothing to do, nothing deleted; and the one after an apply of it, the same.
  const next = await planStack(optionsFor(account, dir));
  expect(changeSummary(next)).toEqual([]);
  expect(renderText(next.plan, { color: false })).toContain('No changes.');
  await reconcile(optionsFor(account, dir));
  expect(await endpointsOn(account, topicArn)).toEqual(all);

  // Declared later: taken over (its mark dropped from the topic)...
  writeFileSync(path.join(dir, 'stack.yaml'), files(['ops@example.com', 'boss@example.com']));
  const declare = await planStack(optionsFor(account, dir));
  expect(changeSummary(declare)).toEqual([
    'adopt subscription shop-alerts → email:boss@example.com',
    'update topic shop-alerts',
  ]);
  await reconcile(optionsFor(account, dir));
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);

  // ...so removing it from the files now deletes it; the hand-made hook stays.
  writeFileSync(path.join(dir, 'stack.yaml'), files(['ops@example.com']));
  const remove = await planStack(optionsFor(account, dir));
  expect(changeSummary(remove)).toEqual(['delete subscription shop-alerts → email:boss@example.com']);
  await reconcile(optionsFor(account, dir));
  expect(await endpointsOn(account, topicArn)).toEqual(['email:ops@example.com', `http:${HOOK}`]);
});

test('with adoption off, nothing is marked and no notice about subscriptions is given', async () => {
  const account = freshAccount();
  const sns = rawClients(account).sns;
  const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'shop-alerts' }));
  await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol: 'email', Endpoint: 'boss@example.com' }));
  const dir = stackDir({ 'stack.yaml': files([]).replace('    subscriptions:\n', '') });
  const run = await planStack(optionsFor(account, dir, { adopt: false }));
  expect(changeSummary(run)).toEqual([]);
  expect(run.plan.notices.map((n) => n.message)).toEqual([
    'topic shop-alerts exists but is not owned by stack "shop"; it is left untouched (adoption is off).',
  ]);
});

test('removing an adopted topic from the files names its hand-made subscriptions as deleted with it, and the guard counts them (issue 20)', async () => {
  const account = freshAccount();
  const sns = rawClients(account).sns;
  const { TopicArn: topicArn = '' } = await sns.send(new CreateTopicCommand({ Name: 'shop-alerts' }));
  const queue = `arn:aws:sqs:us-east-1:${account.accountId}:hand-made-queue`;
  for (const [Protocol, Endpoint] of [
    ['email', 'ops@example.com'],
    ['email', 'boss@example.com'],
    ['sqs', queue],
  ] as const)
    await sns.send(new SubscribeCommand({ TopicArn: topicArn, Protocol, Endpoint, ReturnSubscriptionArn: true }));
  const groups = 'logGroups:\n  - name: /shop/a\n  - name: /shop/b\n';
  const dir = stackDir({ 'stack.yaml': files(['ops@example.com']) + groups });
  await reconcile(optionsFor(account, dir));

  writeFileSync(path.join(dir, 'stack.yaml'), `stack:\n  name: shop\n  region: us-east-1\n${groups}`);
  const run = await planStack(optionsFor(account, dir));
  expect(changeSummary(run)).toEqual([
    'delete subscription shop-alerts → email:boss@example.com',
    'delete subscription shop-alerts → email:ops@example.com',
    `delete subscription shop-alerts → sqs:${queue}`,
    'delete topic shop-alerts',
  ]);
  const text = renderText(run.plan, { color: false });
  expect(text).toContain("its topic shop-alerts is deleted and SNS deletes a topic's subscriptions with it");
  // 4 of 6 (the 4 the stack owns and the 2 that go with its topic): over the 50% share.
  expect(run.plan.guards.map((g) => [g.name, g.refused, g.message.slice(0, 50)])).toEqual([
    ['mass-delete', true, 'This plan deletes 4 of 6 owned resources (67%, ove'],
  ]);
  const applied = await reconcile(optionsFor(account, dir, { allowMassDelete: true }));
  expect(applied.result.failed).toBe(0);
  expect(changeSummary(await planStack(optionsFor(account, dir)))).toEqual([]);
});
