/**
 * `monitors test` with suppressors: a rule test asserts that a page is suppressed while the dependency
 * alarm is in ALARM (`suppressed: true` on an alarm expectation, and the notifications sent), for a
 * composite with `suppressedBy:` and for an SLO's page with `suppressPageWhile:`, through the same
 * simulator path. Tests fail when suppression does not do what they say; misuse is a mistake at its line.
 */
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { runRuleTests } from '../../src/rule-tests/run';

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

const STACK = `stack:
  name: shop
  region: us-east-1
topics:
  - name: oncall
  - name: platform
alarms:
  - name: db-down
    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }
    threshold: ">= 1"
    notify: platform
  - name: checkout-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= 5"
compositeAlarms:
  - name: checkout-page
    rule: ALARM(checkout-errors)
    notify: oncall
    suppressedBy: { alarm: db-down, waitPeriod: 2m, extensionPeriod: 5m }
`;

/** `count` points a minute apart from `from` minutes, each `value` (the datapoints' short form). */
const points = (from: number, count: number, value: number) =>
  `[${Array.from({ length: count }, (_, i) => `'+${from + i}m ${value}'`).join(', ')}]`;

async function run(tests: string, files: Record<string, string> = { 'stack.yaml': STACK }) {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-suppress-'));
  made.push(dir);
  for (const [name, text] of Object.entries(files)) writeFileSync(path.join(dir, name), text);
  mkdirSync(path.join(dir, 'tests'), { recursive: true });
  writeFileSync(path.join(dir, 'tests', 'suppression.yaml'), tests);
  return runRuleTests(dir);
}

/** The database down from +0s to +6m (db-down in ALARM +1m to +7m), then healthy until +20m. */
const dbDown = `      - metric: Shop/DbErrors\n        points: ${points(0, 6, 3).slice(0, -1)}, ${points(6, 15, 0).slice(1)}\n`;

test('the page is suppressed while the dependency alarm is in ALARM; it goes out once the extension period ends if checkout still fails; the wait period catches a dependency that follows', async () => {
  const report = await run(`tests:
  - name: the page is suppressed while the database is down
    until: +20m
    datapoints:
${dbDown}      - metric: Shop/Errors
        points: ${points(1, 3, 9).slice(0, -1)}, ${points(4, 16, 0).slice(1)}
    expect:
      alarms:
        - { alarm: checkout-page, at: +3m, state: ALARM, suppressed: true }
        - { alarm: checkout-page, at: +6m, state: OK, suppressed: true }
        - { alarm: checkout-page, at: +10m, state: OK, suppressed: true }
        - { alarm: checkout-page, at: +12m, state: OK, suppressed: false }
      notifications:
        - { at: +1m, topic: platform, alarm: db-down, state: ALARM }
  - name: still failing when the extension period ends, the page goes out then
    until: +20m
    datapoints:
${dbDown}      - metric: Shop/Errors
        points: ${points(1, 19, 9)}
    expect:
      notifications:
        - { at: +1m, topic: platform, alarm: db-down, state: ALARM }
        - { at: +12m, topic: oncall, alarm: checkout-page, state: ALARM }
  - name: the wait period catches the database alarm a minute after the page
    until: +20m
    datapoints:
      - metric: Shop/Errors
        points: ${points(0, 3, 9).slice(0, -1)}, ${points(3, 17, 0).slice(1)}
      - metric: Shop/DbErrors
        points: ${points(1, 3, 3).slice(0, -1)}, ${points(4, 16, 0).slice(1)}
    expect:
      alarms:
        - { alarm: checkout-page, at: +1m, state: ALARM, suppressed: true }
      notifications:
        - { at: +2m, topic: platform, alarm: db-down, state: ALARM }
`);
  expect(report.results.map((r) => [r.name, r.failures])).toEqual([
    ['the page is suppressed while the database is down', []],
    ['still failing when the extension period ends, the page goes out then', []],
    ['the wait period catches the database alarm a minute after the page', []],
  ]);
});

test('an expectation suppression does not meet fails with when and why the actions were held back', async () => {
  const report = await run(`tests:
  - name: pages during the outage (wrong)
    until: +20m
    datapoints:
${dbDown}      - metric: Shop/Errors
        points: ${points(1, 3, 9)}
    expect:
      alarms:
        - { alarm: checkout-page, at: +3m, state: ALARM, suppressed: false }
      notifications:
        - { at: +2m, topic: oncall, alarm: checkout-page, state: ALARM }
`);
  expect(report.results[0]?.failures.map((f) => [f.subject, f.expected, f.got])).toEqual([
    [
      'alarm checkout-page at +3m',
      ['ALARM, actions not suppressed'],
      ['ALARM, actions suppressed from +1m to +7m (its suppressor is in ALARM)'],
    ],
    ['notifications until +20m', ['+2m oncall ALARM (checkout-page)'], ['+1m platform ALARM (db-down)']],
  ]);
});

test('"suppressed" on an alarm without a suppressor is a mistake at its line; nothing runs', async () => {
  await expect(
    run(
      'tests:\n  - name: x\n    expect:\n      alarms:\n        - { alarm: checkout-errors, at: +1m, state: OK, suppressed: false }\n',
    ),
  ).rejects.toMatchObject({
    diagnostics: [
      expect.objectContaining({
        message: expect.stringMatching(
          /^alarm "checkout-errors" has no suppressor, so its actions are never suppressed/,
        ),
        location: expect.objectContaining({ line: 5, column: 11 }),
      }),
    ],
  });
});

test('an SLO page with suppressPageWhile goes through the same path: a fast burn during a database outage never pages', async () => {
  const dir = path.join(__dirname, '..', '..', 'monitors');
  // The example stack, its SLO's page suppressed while a database alarm is in ALARM.
  const example = mkdtempSync(path.join(tmpdir(), 'monitors-suppress-slo-'));
  made.push(example);
  cpSync(dir, example, { recursive: true });
  rmSync(path.join(example, 'tests'), { recursive: true, force: true });
  const sloFile = path.join(example, 'teachme-slo.yaml');
  const original = readFileSync(sloFile, 'utf8');
  writeFileSync(
    sloFile,
    original.replace(
      '    page: teachme-alerts\n',
      '    page: teachme-alerts\n    suppressPageWhile: teachme-db-down\n',
    ) +
      'alarms:\n  - name: teachme-db-down\n    metric: { namespace: TeachMe, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n',
  );
  mkdirSync(path.join(example, 'tests'));
  const burn = (db: boolean) =>
    `    burn: { slo: teachme-availability, factor: 14.4, for: 10m }\n` +
    (db ? `    datapoints:\n      - metric: TeachMe/DbErrors\n        points: ${points(0, 40, 1)}\n` : '');
  writeFileSync(
    path.join(example, 'tests', 'slo-suppressed.yaml'),
    'tests:\n' +
      `  - name: the database is down, so the burn is its doing and nothing pages\n${burn(true)}    expect:\n      slo: { pages: never }\n      alarms:\n        - { alarm: teachme-availability-page, at: +5m, state: ALARM, suppressed: true }\n` +
      `  - name: the database is fine, so the same burn pages\n${burn(false)}    expect:\n      slo: { pages: within 5m }\n      alarms:\n        - { alarm: teachme-availability-page, at: +5m, state: ALARM, suppressed: false }\n` +
      `  - name: the database is down and the test says it pages (wrong)\n${burn(true)}    expect:\n      slo: { pages: within 5m }\n`,
  );
  const report = await runRuleTests(example);
  expect(report.results.map((r) => [r.name, r.failures.map((f) => [f.subject, f.expected, f.got])])).toEqual([
    ['the database is down, so the burn is its doing and nothing pages', []],
    ['the database is fine, so the same burn pages', []],
    [
      'the database is down and the test says it pages (wrong)',
      [['pages (teachme-availability-page)', ['by +5m'], [expect.stringMatching(/^did not fire until /)]]],
    ],
  ]);
});

test('the rule test docs/suppression.md shows passes against a stack like its example', async () => {
  const doc = readFileSync(path.join(__dirname, '..', '..', 'docs', 'suppression.md'), 'utf8');
  const block = [...doc.matchAll(/```yaml\n(tests:\n[\s\S]*?)```/g)].map((m) => m[1])[0];
  expect(block).toContain('suppressed: true');
  const report = await run(block ?? '');
  expect(report.results.map((r) => [r.name, r.failures])).toEqual([
    ['the page is suppressed while the database is down', []],
  ]);
});
