/**
 * `compositeAlarms: suppressedBy:` checked offline: the shorthand and the block build the same spec
 * shape, and each mistake is refused at its file:line:column with nothing sent to AWS (the run points
 * at a loopback server that counts requests).
 */
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { loadStack } from '../../src/config/load';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import type { CompositeAlarmSpec } from '../../src/kinds/specs';
import { compositeAlarmHandler } from '../../src/kinds/composite-alarm/handler';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const STACK =
  'stack:\n  name: shop\n  region: us-east-1\ntopics:\n  - name: oncall\nalarms:\n' +
  '  - name: db-down\n    metric: { namespace: Shop, name: DbErrors, stat: Sum, period: 1m }\n    threshold: ">= 1"\n' +
  '  - name: checkout-errors\n    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }\n    threshold: ">= 5"\n';

/** A composites.yaml with one composite whose `suppressedBy` lines are `lines`. */
const composite = (lines: string, name = 'checkout-page') =>
  `compositeAlarms:\n  - name: ${name}\n    rule: ALARM(checkout-errors)\n    notify: oncall\n${lines}`;

const refused = (composites: string, severity: 'error' | 'warning' = 'error') =>
  refusedPlan(aws, { 'stack.yaml': STACK, 'composites.yaml': composites }, severity);

async function builtSuppressor(lines: string): Promise<CompositeAlarmSpec['actionsSuppressor']> {
  const stack = await loadStack(stackDir({ 'stack.yaml': STACK, 'composites.yaml': composite(lines) }), { env: {} });
  const spec = stack.resources.find((r) => r.spec.kind === 'compositeAlarm')?.spec;
  return spec?.kind === 'compositeAlarm' ? spec.actionsSuppressor : undefined;
}

test('the shorthand names the alarm with one minute for each period; the block sets them as durations', async () => {
  expect(await builtSuppressor('    suppressedBy: db-down\n')).toEqual({
    alarm: 'db-down',
    waitPeriod: 60,
    extensionPeriod: 60,
  });
  expect(
    await builtSuppressor(
      '    suppressedBy:\n      alarm: db-down\n      waitPeriod: 2m\n      extensionPeriod: 300\n',
    ),
  ).toEqual({ alarm: 'db-down', waitPeriod: 120, extensionPeriod: 300 });
  expect(await builtSuppressor('    suppressedBy: { alarm: db-down, waitPeriod: 0s }\n')).toEqual({
    alarm: 'db-down',
    waitPeriod: 0,
    extensionPeriod: 60,
  });
  const arn = 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:elsewhere';
  expect(await builtSuppressor(`    suppressedBy: ${arn}\n`)).toEqual({
    alarm: arn,
    waitPeriod: 60,
    extensionPeriod: 60,
  });
  expect(await builtSuppressor('')).toBeUndefined();
});

test('an undeclared suppressor is refused at its name with a did-you-mean, in either form', async () => {
  expect(await refused(composite('    suppressedBy: db-dwn\n'))).toEqual([
    'composites.yaml:5:19: error DANGLING_REFERENCE: alarm "db-dwn" is not declared in any file; did you mean "db-down"?',
  ]);
  expect(await refused(composite('    suppressedBy:\n      alarm: db-dwn\n'))).toEqual([
    'composites.yaml:6:14: error DANGLING_REFERENCE: alarm "db-dwn" is not declared in any file; did you mean "db-down"?',
  ]);
});

test('a period that is not a duration, negative or past the model’s integer is refused at the period', async () => {
  expect(await refused(composite('    suppressedBy: { alarm: db-down, waitPeriod: 2 minutes }\n'))).toEqual([
    expect.stringMatching(/^composites\.yaml:5:49: error SCHEMA: .*waitPeriod/),
  ]);
  expect(await refused(composite('    suppressedBy: { alarm: db-down, extensionPeriod: -5 }\n'))).toEqual([
    expect.stringMatching(/^composites\.yaml:5:54: error SCHEMA: .*extensionPeriod/),
  ]);
  expect(await refused(composite('    suppressedBy: { alarm: db-down, waitPeriod: 99999999d }\n'))).toEqual([
    "composites.yaml:5:49: error SCHEMA: waitPeriod 99999999d is not a whole number of seconds from 0 to 2147483647 (AWS's SuppressorPeriod), e.g. 2m",
  ]);
  expect(await refused(composite('    suppressedBy: { alarm: db-down, waitPeriod: 2m, after: 5m }\n'))).toEqual([
    expect.stringMatching(/^composites\.yaml:5:\d+: error SCHEMA: .*after/),
  ]);
});

test('a composite suppressed by itself is refused at suppressedBy', async () => {
  expect(await refused(composite('    suppressedBy: checkout-page\n'))).toEqual([
    'composites.yaml:5:19: error SCHEMA: composite alarm "checkout-page" cannot suppress its own actions: suppressedBy names another alarm (a dependency that pages its own owner)',
  ]);
});

test('a suppressor that closes a cycle through another composite is refused, naming the way round', async () => {
  const text =
    'compositeAlarms:\n' +
    '  - name: checkout-page\n    rule: ALARM(checkout-errors)\n    suppressedBy: platform-down\n' +
    '  - name: platform-down\n    rule: ALARM(db-down) OR ALARM(checkout-page)\n';
  expect(await refused(text)).toEqual([
    'composites.yaml:2:5: error SCHEMA: composite alarm "checkout-page" depends on itself: "checkout-page" is suppressed by "platform-down"; "platform-down" names "checkout-page" in its rule. No order can create these (a suppressor and every alarm a rule names must exist first)',
  ]);
});

test('a cycle through rules alone is refused too, which AWS would refuse at apply', async () => {
  const text =
    'compositeAlarms:\n' +
    '  - name: a\n    rule: ALARM(b)\n    notify: oncall\n' +
    '  - name: b\n    rule: ALARM(a) OR ALARM(db-down)\n    notify: oncall\n';
  expect(await refused(text)).toEqual([
    'composites.yaml:2:5: error SCHEMA: composite alarm "a" depends on itself: "a" names "b" in its rule; "b" names "a" in its rule. No order can create these (a suppressor and every alarm a rule names must exist first)',
  ]);
});

test('the suppressor cannot come from ${env:}: names are never secret', async () => {
  const messages = await refusedPlan(aws, {
    'stack.yaml': STACK,
    'composites.yaml': composite('    suppressedBy: ${env:SUPPRESSOR}\n'),
  });
  expect(messages).toEqual([expect.stringMatching(/^composites\.yaml:5:19: error .*cannot come from \$\{env:\}/)]);
});

test('an alarm that only suppresses a composite is not warned as silent; one that does nothing is', async () => {
  const stack = await loadStack(
    stackDir({ 'stack.yaml': STACK, 'composites.yaml': composite('    suppressedBy: db-down\n') }),
    { env: {} },
  );
  expect(stack.warnings.filter((w) => w.code === 'SILENT_ALARM').map((w) => w.message)).toEqual([]);
  const without = await loadStack(stackDir({ 'stack.yaml': STACK, 'composites.yaml': composite('') }), { env: {} });
  expect(without.warnings.filter((w) => w.code === 'SILENT_ALARM').map((w) => w.message)).toEqual([
    "metric alarm db-down notifies no one: it has no notify and no alarm action (add notify: TOPIC, or name it in a composite alarm's rule)",
  ]);
});

test('the diff compares the suppressor by name (an ARN and its alarm’s name are one alarm) and each period as a field', () => {
  const base: CompositeAlarmSpec = {
    kind: 'compositeAlarm',
    name: 'checkout-page',
    rule: 'ALARM("checkout-errors")',
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: {},
    actionsSuppressor: {
      alarm: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:db-down',
      waitPeriod: 120,
      extensionPeriod: 300,
    },
  };
  const live = { ...base, actionsSuppressor: { alarm: 'db-down', waitPeriod: 120, extensionPeriod: 300 } };
  expect(compositeAlarmHandler.diff(live, base)).toEqual([]);
  const changed = { ...base, actionsSuppressor: { alarm: 'db-down', waitPeriod: 180, extensionPeriod: 300 } };
  expect(compositeAlarmHandler.diff(live, changed).map((d) => d.path)).toEqual(['actionsSuppressor.waitPeriod']);
  const { actionsSuppressor: _, ...without } = base;
  expect(compositeAlarmHandler.diff(live, without).map((d) => d.path)).toEqual([
    'actionsSuppressor.alarm',
    'actionsSuppressor.extensionPeriod',
    'actionsSuppressor.waitPeriod',
  ]);
  // The suppressor is put first, whichever kind of alarm it is.
  expect(compositeAlarmHandler.dependsOn?.(base, 'us-east-1')).toEqual(
    expect.arrayContaining([
      { kind: 'metricAlarm', region: 'us-east-1', name: 'db-down' },
      { kind: 'compositeAlarm', region: 'us-east-1', name: 'db-down' },
    ]),
  );
});
