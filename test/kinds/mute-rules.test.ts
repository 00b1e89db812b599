/**
 * Alarm mute rules through the real pipeline. No emulator has them, so the four calls go to a stateful
 * fake (mute-rule-fake.ts) that checks every request and answer against botocore's model; alarms and
 * everything else reach the emulator. Made, re-planned empty, changed in place, removed; another
 * stack's, a hand-made one and `--settle`'s own rules are never read as this stack's nor deleted;
 * paging is followed; import writes them back as files that plan empty.
 */
import { writeFileSync } from 'fs';
import * as path from 'path';
import { planStack } from '../../src/core';
import { renderText } from '../../src/render/text';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { startMuteRuleFake, type MuteRuleFake, type StoredRule } from './mute-rule-fake';

let fake: MuteRuleFake;
let account: TestAccount;
beforeAll(() => {
  account = freshAccount();
});
afterEach(async () => {
  await fake?.close();
});
afterAll(removeStackDirs);

const ALARMS = `alarms:
  - name: api-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= 5"
    notify: [pages]
  - name: api-latency
    metric: { namespace: Shop, name: Latency, stat: p99, period: 1m }
    threshold: "> 800"
    notify: [pages]
`;

function stackYaml(rules: string): string {
  return `stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: pages\n${ALARMS}${rules}`;
}

const SUNDAY = `muteRules:
  - name: sunday-maintenance
    description: weekly patching
    cron: "0 2 * * SUN"
    duration: 2h
    timezone: Europe/Paris
    alarms: [api-errors]
`;

const foreign = (name: string): StoredRule => ({
  Name: name,
  Rule: { Schedule: { Expression: 'at(2026-12-07T19:50)', Duration: 'PT10M' } },
  MuteTargets: { AlarmNames: ['api-errors'] },
});

test('mute rules are made as monitors.<stack>.<name>, re-plan empty, change in place and go', async () => {
  fake = await startMuteRuleFake(account.endpoint);
  // A settle rule of this very stack, another stack's rule and one made by hand: none is this kind's.
  for (const name of ['monitors-settle-shop-202612071950-1', 'monitors.billing.nightly', 'by hand'])
    fake.rules.set(name, foreign(name));
  const dir = stackDir({ 'stack.yaml': stackYaml(SUNDAY) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create alarmMuteRule monitors.shop.sunday-maintenance',
    'create metricAlarm api-errors',
    'create metricAlarm api-latency',
    'create topic pages',
  ]);
  // The rule comes after the alarm it targets (AWS refuses a rule over an alarm that does not exist).
  const order = first.run.plan.changes.map((c) => c.key.name);
  expect(order.indexOf('monitors.shop.sunday-maintenance')).toBeGreaterThan(order.indexOf('api-errors'));
  expect(fake.rules.get('monitors.shop.sunday-maintenance')).toEqual({
    Name: 'monitors.shop.sunday-maintenance',
    Description: 'weekly patching',
    Rule: { Schedule: { Expression: 'cron(0 2 * * SUN)', Duration: 'PT2H', Timezone: 'Europe/Paris' } },
    MuteTargets: { AlarmNames: ['api-errors'] },
  });
  // The plan shows the schedule and its next windows in the rule's zone.
  const text = renderText(first.run.plan, { color: false });
  expect(text).toMatch(
    /schedule:\n.*cron\(0 2 \* \* SUN\) for PT2H in Europe\/Paris\n.*next: Sun \d+ \w+ 02:00–04:00, Sun/,
  );
  expect(changeSummary(await planStack(options))).toEqual([]);

  // A new window, a start date, a second alarm: the same rule, updated.
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(
      SUNDAY.replace('duration: 2h', 'duration: 3h30m\n    start: "2027-01-03"').replace(
        '[api-errors]',
        '[api-latency, api-errors]',
      ),
    ),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update alarmMuteRule monitors.shop.sunday-maintenance']);
  const updated = changed.run.plan.changes.find((c) => c.action === 'update');
  expect(updated && 'diffs' in updated ? updated.diffs.map((d) => d.path).sort() : []).toEqual([
    'alarmNames',
    'schedule',
  ]);
  expect(fake.rules.get('monitors.shop.sunday-maintenance')).toMatchObject({
    Rule: { Schedule: { Expression: 'cron(0 2 * * SUN)', Duration: 'PT3H30M', Timezone: 'Europe/Paris' } },
    MuteTargets: { AlarmNames: ['api-errors', 'api-latency'] },
    // Midnight in Paris on 3 January 2027 (UTC+1 in winter), in epoch seconds as the SDK sends it.
    StartDate: Date.UTC(2027, 0, 2, 23, 0) / 1000,
  });
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Removed from the files: deleted; the others are still there.
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(''));
  const removed = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(removed.run)).toEqual(['delete alarmMuteRule monitors.shop.sunday-maintenance']);
  expect([...fake.rules.keys()].sort()).toEqual([
    'by hand',
    'monitors-settle-shop-202612071950-1',
    'monitors.billing.nightly',
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
  // Only the stack's own rule was ever read in full.
  expect(new Set(fake.calls)).toEqual(
    new Set(['ListAlarmMuteRules', 'GetAlarmMuteRule', 'PutAlarmMuteRule', 'DeleteAlarmMuteRule']),
  );
}, 90_000);

test('the reader follows NextToken: with pages of 2, five rules are seen and re-plan is empty', async () => {
  fake = await startMuteRuleFake(account.endpoint, 2);
  const rules = ['a', 'b', 'c', 'd', 'e']
    .map(
      (n) =>
        `  - name: ${n}\n    at: 2027-06-0${n.charCodeAt(0) - 96}T22:00\n    duration: 1h\n    alarms: [api-errors]\n`,
    )
    .join('');
  const dir = stackDir({ 'stack.yaml': stackYaml(`muteRules:\n${rules}`) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  expect(fake.rules.size).toBe(5);
  const lists = () => fake.calls.filter((c) => c === 'ListAlarmMuteRules').length;
  const before = lists();
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(lists() - before).toBe(3);
  expect(fake.violations).toEqual([]);
}, 90_000);

test('a mass delete of mute rules is refused without --allow-mass-delete', async () => {
  fake = await startMuteRuleFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': stackYaml(SUNDAY) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: shop\n  region: us-east-1\n');
  const refused = await planStack(options);
  expect(refused.plan.guards.filter((g) => g.refused).map((g) => g.name)).toEqual(['delete-all']);
  expect(changeSummary(refused)).toContain('delete alarmMuteRule monitors.shop.sunday-maintenance');
  expect(fake.rules.has('monitors.shop.sunday-maintenance')).toBe(true);
}, 90_000);

test('without the fake, an endpoint that has no mute rules reads as holding none', async () => {
  const dir = stackDir({ 'stack.yaml': stackYaml('') });
  const options = optionsFor(account, dir);
  await reconcile(options);
  expect(changeSummary(await planStack(options))).toEqual([]);
}, 90_000);

test('saved plans: plan --save then apply FILE puts the rule; a rule changed in AWS since is refused, named', async () => {
  fake = await startMuteRuleFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': stackYaml(SUNDAY) });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
  const env = { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const cli = (argv: string[]) => runCliCaptured([...argv, '--endpoint-url', fake.url], { env });

  const plan = await cli(['plan', '--save', file, dir]);
  expect(plan.code).toBe(0);
  expect(plan.stdout).toMatch(/next: Sun \d+ \w+ 02:00–04:00/);
  expect(fake.rules.size).toBe(0);
  expect((await cli(['apply', file])).code).toBe(0);
  expect(fake.rules.get('monitors.shop.sunday-maintenance')?.Rule.Schedule.Duration).toBe('PT2H');

  // The window made longer in the files, and shorter by hand in AWS after the plan was saved.
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(SUNDAY.replace('duration: 2h', 'duration: 3h')));
  expect((await cli(['plan', '--save', file, dir])).code).toBe(0);
  const rule = fake.rules.get('monitors.shop.sunday-maintenance');
  if (!rule) throw new Error('no rule');
  fake.rules.set(rule.Name, { ...rule, Rule: { Schedule: { ...rule.Rule.Schedule, Duration: 'PT1H' } } });
  const refused = await cli(['apply', file]);
  expect(refused.code).toBe(1);
  expect(refused.stderr).toContain('is stale: live state changed since the plan was made');
  expect(refused.stderr).toContain('alarm mute rule monitors.shop.sunday-maintenance');
  expect(fake.rules.get('monitors.shop.sunday-maintenance')?.Rule.Schedule.Duration).toBe('PT1H');
  expect(fake.violations).toEqual([]);
}, 120_000);
