/**
 * Every mistake a `muteRules:` entry can hold, refused before any request with its file:line:column;
 * `${env:}` refused in a rule's name and targets; the apply and plan policies; `targets` (a rule in
 * some targets only); and import's round trip through the real loader.
 */
import { loadStacks } from '../../src/config/load';
import { resolvePackTargets } from '../../src/kinds/alarm-mute-rule/pack-targets';
import type { AlarmMuteRuleSpec } from '../../src/kinds/specs';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { refusedPlan } from '../harness/refused-plan';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import { byKey, writtenAndRead } from '../import/round-trip-helpers';

let aws: CountingEndpoint;
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  removeStackDirs();
});

const STACK = `stack:
  name: shop
  region: eu-west-1
topics:
  - name: pages
alarms:
  - name: api-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= 5"
    notify: [pages]
`;

const rule = (lines: string) => `muteRules:\n  - name: sunday\n${lines}`;

test.each([
  [
    'an alarm name that is not declared',
    rule('    cron: "0 2 * * SUN"\n    duration: 2h\n    alarms: [api-erors]\n'),
    'stack.yaml:15:14: error DANGLING_REFERENCE: alarm "api-erors" is not declared in any file; did you mean "api-errors"?',
  ],
  [
    'an hour past 23',
    rule('    cron: "0 24 * * SUN"\n    duration: 2h\n    alarms: [api-errors]\n'),
    'stack.yaml:13:14: error BAD_SCHEDULE: the hour field takes 0–23, not "24"',
  ],
  [
    'a cron step',
    rule('    cron: "*/15 2 * * *"\n    duration: 2h\n    alarms: [api-errors]\n'),
    'stack.yaml:13:13: error BAD_SCHEDULE: the minute field has "/": mute rules take only numbers, names, *, - and , (no steps, ? or L)',
  ],
  [
    "six cron fields (EventBridge's form)",
    rule('    cron: "0 2 ? * SUN *"\n    duration: 2h\n    alarms: [api-errors]\n'),
    'stack.yaml:13:12: error BAD_SCHEDULE: a mute rule\'s cron has 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * SUN"; this has 6',
  ],
  [
    'both cron and at',
    rule('    cron: "0 2 * * SUN"\n    at: 2026-12-24T18:00\n    duration: 2h\n    alarms: [api-errors]\n'),
    'stack.yaml:12:5: error BAD_SCHEDULE: a mute rule needs exactly one of "cron" (recurring windows, e.g. "0 2 * * SUN") or "at" (one window, e.g. 2026-12-24T18:00)',
  ],
  [
    'a day that does not exist',
    rule('    at: 2026-02-30T18:00\n    duration: 2h\n    alarms: [api-errors]\n'),
    'stack.yaml:13:17: error BAD_SCHEDULE: FEB 2026 has no day 30',
  ],
  [
    'a window longer than 15 days',
    rule('    cron: "0 2 * * SUN"\n    duration: 16d\n    alarms: [api-errors]\n'),
    'stack.yaml:14:15: error BAD_SCHEDULE: a mute window lasts whole minutes from 1m to 15d (PT1M to P15D); 16d is longer',
  ],
  [
    'a duration that is not one',
    rule('    cron: "0 2 * * SUN"\n    duration: two hours\n    alarms: [api-errors]\n'),
    'stack.yaml:14:15: error BAD_SCHEDULE: "two hours" is not a duration: write e.g. 2h, 90m, 2d12h (or ISO 8601: PT2H)',
  ],
  [
    'a time zone with a typo',
    rule('    cron: "0 2 * * SUN"\n    duration: 2h\n    timezone: Europe/Pariss\n    alarms: [api-errors]\n'),
    'stack.yaml:15:15: error BAD_SCHEDULE: "Europe/Pariss" is not an IANA time zone; did you mean "Europe/Paris"? (e.g. Europe/Paris, America/New_York, UTC)',
  ],
  [
    'an expiry before the start',
    rule(
      '    cron: "0 2 * * SUN"\n    duration: 2h\n    start: "2027-01-10"\n    expire: "2027-01-01"\n    alarms: [api-errors]\n',
    ),
    'stack.yaml:16:13: error BAD_SCHEDULE: the rule expires before it starts',
  ],
  [
    'a start date in no form',
    rule('    cron: "0 2 * * SUN"\n    duration: 2h\n    start: next monday\n    alarms: [api-errors]\n'),
    'stack.yaml:15:12: error BAD_SCHEDULE: a date is yyyy-MM-dd or yyyy-MM-ddThh:mm (in the rule\'s time zone), or ends in Z or an offset; not "next monday"',
  ],
  [
    'a rule without alarms',
    rule('    cron: "0 2 * * SUN"\n    duration: 2h\n    alarms: []\n'),
    'stack.yaml:15:13: error SCHEMA: muteRules.0.alarms: "[]" must NOT have fewer than 1 items',
  ],
])('%s is refused before any request', async (_name, yaml, expected) => {
  const errors = await refusedPlan(aws, { 'stack.yaml': STACK + yaml });
  expect(errors[0]).toBe(expected);
});

test("${env:} is refused in a rule's name and in its targets, and nothing is sent", async () => {
  const errors = await refusedPlan(aws, {
    'stack.yaml': `${STACK}muteRules:\n  - name: \${env:RULE}\n    cron: "0 2 * * SUN"\n    duration: 2h\n    alarms: ["\${env:ALARM}"]\n`,
  });
  const refused = errors.filter((e) => e.includes('cannot come from ${env:}'));
  expect(refused.map((e) => e.split(': error ')[0])).toEqual(['stack.yaml:12:11', 'stack.yaml:15:14']);
});

interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: unknown;
}

async function policy(mode: 'plan' | 'apply', dir: string): Promise<Statement[]> {
  const run = await runCliCaptured(['iam-policy', '--mode', mode, '--account-id', '123456789012', dir]);
  expect(run.code).toBe(0);
  return (JSON.parse(run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1)) as { Statement: Statement[] }).Statement;
}

test("the policies: list on *, get/put/delete on the stack's prefix, put on the stack's own alarms", async () => {
  const dir = stackDir({
    'stack.yaml': `${STACK}${rule('    cron: "0 2 * * SUN"\n    duration: 2h\n    alarms: [api-errors]\n')}`,
  });
  const where = (statements: Statement[], action: string) =>
    statements.filter((s) => [s.Action].flat().includes(action));
  const own = 'arn:aws:cloudwatch:eu-west-1:123456789012:alarm-mute-rule:monitors.shop.*';
  const plan = await policy('plan', dir);
  expect(where(plan, 'cloudwatch:ListAlarmMuteRules').flatMap((s) => [s.Resource].flat())).toEqual(['*']);
  expect(where(plan, 'cloudwatch:GetAlarmMuteRule').flatMap((s) => [s.Resource].flat())).toEqual([own]);
  expect(where(plan, 'cloudwatch:PutAlarmMuteRule')).toEqual([]);
  const apply = await policy('apply', dir);
  const puts = where(apply, 'cloudwatch:PutAlarmMuteRule');
  expect(puts.flatMap((s) => [s.Resource].flat())).toContain(own);
  // The other half AWS checks, the targeted alarms: only those carrying the stack's tag.
  expect(
    puts.some(
      (s) =>
        [s.Resource].flat().includes('arn:aws:cloudwatch:eu-west-1:123456789012:alarm:*') &&
        JSON.stringify(s.Condition).includes('"aws:ResourceTag/monitors:stack":"shop"'),
    ),
  ).toBe(true);
  expect(where(apply, 'cloudwatch:DeleteAlarmMuteRule').flatMap((s) => [s.Resource].flat())).toContain(own);
  expect(JSON.stringify(puts)).not.toContain('alarm-mute-rule:*"');
});

test('with stack.targets, a rule listing one target exists only there', async () => {
  const dir = stackDir({
    'stack.yaml': `stack:
  name: shop
  targets:
    - { name: prod, account: '111111111111', regions: [us-east-1] }
    - { name: staging, account: '222222222222', regions: [us-east-1] }
${STACK.slice(STACK.indexOf('topics:'))}muteRules:
  - name: prod-freeze
    targets: [prod]
    at: 2026-12-24T18:00
    duration: 3d
    timezone: America/New_York
    alarms: [api-errors]
`,
  });
  const loaded = await loadStacks(dir, { env: {} });
  if (!loaded.targets) throw new Error('expected targets');
  const rules = loaded.targets.map((t) => [
    t.target.name,
    t.stack.resources.flatMap((r) => (r.spec.kind === 'alarmMuteRule' ? [r.spec.name] : [])),
  ]);
  expect(rules).toEqual([
    ['prod', ['monitors.shop.prod-freeze']],
    ['staging', []],
  ]);
});

test('import writes mute rules back as files that build the same specs', async () => {
  const alarm = {
    kind: 'metricAlarm',
    name: 'api-errors',
    metric: { namespace: 'Shop', metricName: 'Errors', statistic: 'Sum', period: 60, dimensions: {} },
    threshold: 5,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    tags: { 'monitors:stack': 'shop' },
  } as const;
  const rules: AlarmMuteRuleSpec[] = [
    {
      kind: 'alarmMuteRule',
      name: 'monitors.shop.sunday',
      description: 'weekly patching',
      schedule: 'cron(0 2 * * SUN) for PT2H30M in Europe/Paris from 2026-12-01T00:00:00Z until 2027-06-01T00:00:00Z',
      alarmNames: ['api-errors'],
    },
    {
      kind: 'alarmMuteRule',
      name: 'monitors.shop.xmas',
      schedule: 'at(2026-12-24T18:00) for P3D',
      alarmNames: ['api-errors'],
    },
  ];
  const { layout, built, texts } = await writtenAndRead([alarm as never, ...rules]);
  expect(layout.leftOut).toEqual([]);
  const expected = byKey(rules);
  for (const [key, spec] of expected) expect(built.get(key)).toEqual(spec);
  expect(Object.keys(texts)).toContain('mute-rules.yaml');
  expect(texts['mute-rules.yaml']).toContain('cron: 0 2 * * SUN');
});

test("an SLO's compiled alarms can be muted by name, and a misspelt one is refused with a suggestion", async () => {
  const slo = `stack:
  name: shop
  region: eu-west-1
topics:
  - name: pages
metricFilters:
  - name: requests
    logGroup: /shop/app
    pattern: GET
    metric: { namespace: Shop, name: Requests, default: 0 }
  - name: errors
    logGroup: /shop/app
    pattern: ERROR
    metric: { namespace: Shop, name: Errors, default: 0 }
logGroups:
  - name: /shop/app
slos:
  - name: checkout
    target: 99.9
    window: 30d
    sli: { bad: Shop/Errors, total: Shop/Requests }
    page: pages
muteRules:
  - name: deploys
    cron: '0 9 * * TUE'
    duration: 30m
    alarms: [checkout-page]
`;
  const loaded = await loadStacks(stackDir({ 'stack.yaml': slo }), { env: {} });
  if (loaded.targets) throw new Error('no targets expected');
  const rules = loaded.stack.resources.filter((r) => r.spec.kind === 'alarmMuteRule').map((r) => r.spec);
  expect(rules).toEqual([expect.objectContaining({ alarmNames: ['checkout-page'] })]);
  const errors = await refusedPlan(aws, { 'stack.yaml': slo.replace('[checkout-page]', '[checkout-pages]') });
  expect(errors).toEqual([
    'stack.yaml:27:14: error DANGLING_REFERENCE: alarm "checkout-pages" is not declared in any file; did you mean "checkout-page"?',
  ]);
});

test('a description from ${env:} is a sensitive field of the rule', async () => {
  const dir = stackDir({
    'stack.yaml': `${STACK}muteRules:\n  - name: sunday\n    description: \${env:WHY}\n    cron: '0 2 * * SUN'\n    duration: 2h\n    alarms: [api-errors]\n`,
  });
  const loaded = await loadStacks(dir, { env: { WHY: 'incident INC-4242 with the vendor' } });
  if (loaded.targets) throw new Error('no targets expected');
  const rule = loaded.stack.resources.find((r) => r.spec.kind === 'alarmMuteRule');
  expect(rule?.sensitive).toContain('description');
});

test('packs: an unknown service is refused with a suggestion; at plan time the pack alarms join the rule', async () => {
  const errors = await refusedPlan(aws, {
    'stack.yaml': `${STACK}muteRules:\n  - name: nightly\n    cron: '0 2 * * *'\n    duration: 1h\n    packs: [lamda]\n`,
  });
  expect(errors[0]).toMatch(
    /^stack\.yaml:15:13: error DANGLING_REFERENCE: no alarm pack is named "lamda"; did you mean "lambda"\?/,
  );
  const neither = await refusedPlan(aws, {
    'stack.yaml': `${STACK}muteRules:\n  - name: nightly\n    cron: '0 2 * * *'\n    duration: 1h\n`,
  });
  expect(neither[0]).toMatch(/^stack\.yaml:12:5: error SCHEMA: a mute rule needs "alarms" .* "packs"/);

  const source = { file: 'stack.yaml', line: 12, column: 5 };
  const rule = (packs: string[]) => ({
    spec: {
      kind: 'alarmMuteRule' as const,
      name: 'monitors.shop.nightly',
      schedule: 'cron(0 2 * * *) for PT1H',
      alarmNames: ['api-errors'],
      packs,
    },
    source,
    sensitive: [],
  });
  const made = new Map([['lambda', ['lambda-cart-Errors', 'lambda-cart-Throttles']]]);
  const resolved = resolvePackTargets([rule(['lambda'])], made);
  expect(resolved.resources.map((r) => r.spec)).toEqual([
    {
      kind: 'alarmMuteRule',
      name: 'monitors.shop.nightly',
      schedule: 'cron(0 2 * * *) for PT1H',
      alarmNames: ['api-errors', 'lambda-cart-Errors', 'lambda-cart-Throttles'],
    },
  ]);
  expect(resolved.notices).toEqual([]);
  const none = resolvePackTargets([rule(['rds'])], made);
  expect(none.notices.map((n) => n.message)).toEqual([
    'mute rule monitors.shop.nightly at stack.yaml:12 names pack rds, which made no alarm in this plan: it mutes none of it',
  ]);
  const many = new Map([['lambda', Array.from({ length: 100 }, (_, i) => `lambda-f${i}-Errors`)]]);
  expect(resolvePackTargets([rule(['lambda'])], many).notices[0]?.message).toContain('would target 101 alarms');
});
