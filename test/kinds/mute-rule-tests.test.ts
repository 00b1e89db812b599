/**
 * `monitors test` honours mute rules: inside the Sunday maintenance window the alarm still goes to
 * ALARM but notifies no one; the same breach an hour after the window notifies on-call. Through the
 * real loader and runner (runRuleTests), offline.
 */
import { mkdirSync, writeFileSync } from 'fs';
import * as path from 'path';
import { runRuleTests } from '../../src/rule-tests/run';
import { removeStackDirs, stackDir as filesDir } from '../integration/stack-dir';

/** A stack directory with its tests/ folder. */
function stackDir(files: Readonly<Record<string, string>>): string {
  const dir = filesDir({});
  mkdirSync(path.join(dir, 'tests'));
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  return dir;
}

afterAll(removeStackDirs);

const STACK = `stack:
  name: shop
  region: eu-west-1
topics:
  - name: on-call
alarms:
  - name: api-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= 5"
    notify: [on-call]
muteRules:
  - name: sunday-maintenance
    cron: "0 2 * * SUN"
    duration: 2h
    timezone: Europe/Paris
    alarms: [api-errors]
`;

/** A test whose errors breach at +5m after `start`, expecting `notifications`. */
function breach(name: string, start: string, notifications: string): string {
  return `  - name: ${name}
    start: ${start}
    datapoints:
      - metric: Shop/Errors
        points: ['+5m 9']
    expect:
      alarms:
        - { alarm: api-errors, at: +6m, state: ALARM }
      notifications: ${notifications}
`;
}

// 7 January 2024 is a Sunday; Paris is UTC+1 in winter, so the window is 01:00–03:00 UTC.
const IN_WINDOW = breach('no notification during the Sunday maintenance window', '2024-01-07T01:30:00Z', '[]');
const AFTER_WINDOW = breach(
  'the same breach after the window pages on-call',
  '2024-01-07T03:00:00Z',
  `\n        - { at: +6m, topic: on-call, alarm: api-errors, state: ALARM }`,
);
const MONDAY = breach(
  'a Monday at the same hour is not muted',
  '2024-01-08T01:30:00Z',
  `\n        - { at: +6m, topic: on-call, alarm: api-errors, state: ALARM }`,
);

test('a muted alarm changes state but sends nothing while the window is open, and pages outside it', async () => {
  const dir = stackDir({
    'stack.yaml': STACK,
    'tests/maintenance.yaml': `tests:\n${IN_WINDOW}${AFTER_WINDOW}${MONDAY}`,
  });
  const report = await runRuleTests(dir);
  expect(report.results.map((r) => [r.name, r.failures.map((f) => f.got)])).toEqual([
    ['no notification during the Sunday maintenance window', []],
    ['the same breach after the window pages on-call', []],
    ['a Monday at the same hour is not muted', []],
  ]);
});

test('a test expecting a page inside the window fails: the rule holds it back', async () => {
  const wrong = breach(
    'pages during maintenance',
    '2024-01-07T01:30:00Z',
    `\n        - { at: +6m, topic: on-call, alarm: api-errors, state: ALARM }`,
  );
  const dir = stackDir({ 'stack.yaml': STACK, 'tests/wrong.yaml': `tests:\n${wrong}` });
  const report = await runRuleTests(dir);
  expect(report.failed).toBe(1);
  expect(report.results[0]?.failures[0]?.got).toEqual([
    'none',
    '(+6m api-errors → ALARM muted by mute rule sunday-maintenance)',
  ]);
});

test('without the mute rule the window test fails, so the rule is what keeps it quiet', async () => {
  const bare = STACK.slice(0, STACK.indexOf('muteRules:'));
  const dir = stackDir({ 'stack.yaml': bare, 'tests/maintenance.yaml': `tests:\n${IN_WINDOW}` });
  const report = await runRuleTests(dir);
  expect(report.failed).toBe(1);
});

const PACK_STACK = `stack: { name: shop, region: us-east-1 }
topics:
  - name: shop-alerts
packs:
  - service: lambda
    select: { tags: { team: shop } }
    notify: shop-alerts
    override: { Errors: { threshold: 5 } }
    except: [ConcurrentExecutions]
muteRules:
  - name: monday-batch
    cron: '0 0 * * MON' # 1 January 2024, the tests' default start, is a Monday
    duration: 1h
    packs: [lambda]
`;

const PACK_TEST = (at: string, notifications: string) => `packResources:
  lambda:
    - arn: arn:aws:lambda:us-east-1:123456789012:function:cart
      tags: { team: shop }
      attributes: { timeoutMs: 30000 }
tests:
  - name: errors at ${at}
    start: ${at}
    datapoints:
      - metric: AWS/Lambda/Errors
        dimensions: { FunctionName: cart }
        points: ['+0s 6', '+1m 6', '+2m 6']
    expect:
      alarms:
        - { alarm: lambda-cart-Errors, at: +3m, state: ALARM }
      notifications: ${notifications}
`;

test('a rule naming a pack mutes the alarms the pack makes: quiet in the window, paging after it', async () => {
  const inWindow = stackDir({ 'stack.yaml': PACK_STACK, 'tests/packs.yaml': PACK_TEST('2024-01-01T00:00:00Z', '[]') });
  expect((await runRuleTests(inWindow)).results.map((r) => r.failures)).toEqual([[]]);
  const after = stackDir({
    'stack.yaml': PACK_STACK,
    'tests/packs.yaml': PACK_TEST(
      '2024-01-01T02:00:00Z',
      '\n        - { at: +3m, topic: shop-alerts, alarm: lambda-cart-Errors, state: ALARM }',
    ),
  });
  expect((await runRuleTests(after)).results.map((r) => r.failures)).toEqual([[]]);
});
