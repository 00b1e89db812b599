/**
 * `--settle` against a stateful fake of CloudWatch's alarm mute rules (no emulator implements them):
 * real SDK clients, aws-sdk-client-mock keeping the rules and the alarms' states, and every request
 * checked against AWS's published API model (botocore's service-2.json). A virtual clock, no sleeping.
 */
import {
  CloudWatchClient,
  DeleteAlarmMuteRuleCommand,
  DescribeAlarmsCommand,
  PutAlarmMuteRuleCommand,
  type DescribeAlarmsCommandInput,
  type PutAlarmMuteRuleCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { mockClient } from 'aws-sdk-client-mock';
import type { ApplyResult } from '../../src/apply/executor';
import type { PlanRun } from '../../src/core';
import type { Change } from '../../src/model';
import { MonitorsError } from '../../src/model';
import { applyWithSettle } from '../../src/settle/hook';
import { atExpression, isoMinutes, ruleNames } from '../../src/settle/settle';
import { parseInputs } from '../../src/github/inputs';
import { checkRequest, loadModel, type ApiModel } from '../harness/api-model';
import { alarmSpec, planOf } from '../render/fixtures';

const MODEL = loadModel('cloudwatch');
/** The model's complaints about one request, as "Operation.Path: rule" lines. */
const violations = (model: ApiModel, operation: string, input: unknown): string[] =>
  checkRequest(model, operation, input).map((v) => `${operation}${v.path}: ${v.rule}`);
const region = 'us-east-1';
const START = Date.UTC(2026, 11, 7, 19, 50, 30);
const WINDOW = 600;

const create = (name: string): Change => ({
  action: 'create',
  key: { kind: 'metricAlarm', region, name },
  after: alarmSpec({ name }),
});
const update = (name: string): Change => ({
  action: 'update',
  key: { kind: 'metricAlarm', region, name },
  before: alarmSpec({ name }),
  after: alarmSpec({ name, threshold: 9 }),
  diffs: [],
  seen: '',
});
const runOf = (changes: Change[]): PlanRun =>
  ({ plan: planOf(changes), calls: {}, desired: undefined, live: undefined }) as unknown as PlanRun;
const applied = (changes: Change[]): ApplyResult => ({
  outcomes: changes.map((change) => ({ status: 'done' as const, change, durationMs: 1 })),
  done: changes.length,
  failed: 0,
  skipped: 0,
  durationMs: 1,
});

/** The fake: rules by name, each alarm's state, every request checked, and "dead" once the process is gone. */
function fake(evaluatesAfterPolls: number) {
  const cw = mockClient(CloudWatchClient);
  const rules = new Map<string, PutAlarmMuteRuleCommandInput>();
  const log: string[] = [];
  const bad: string[] = [];
  const state = { dead: false, polls: 0, alarms: new Set<string>() };
  const guard = (op: string, input: object) => {
    if (state.dead) throw new Error('the process is gone: no more calls');
    bad.push(...violations(MODEL, op, input));
    log.push(op);
  };
  cw.on(PutAlarmMuteRuleCommand).callsFake((input: PutAlarmMuteRuleCommandInput) => {
    guard('PutAlarmMuteRule', input);
    // "The alarm names must match existing alarms in your account and region."
    const missing = (input.MuteTargets?.AlarmNames ?? []).filter((n) => !state.alarms.has(n));
    if (missing.length > 0)
      throw Object.assign(new Error(`no alarm ${missing.join(',')}`), { name: 'ResourceNotFoundException' });
    rules.set(input.Name ?? '', input);
    return {};
  });
  cw.on(DeleteAlarmMuteRuleCommand).callsFake((input: { AlarmMuteRuleName: string }) => {
    guard('DeleteAlarmMuteRule', input);
    rules.delete(input.AlarmMuteRuleName);
    return {};
  });
  cw.on(DescribeAlarmsCommand).callsFake((input: DescribeAlarmsCommandInput) => {
    guard('DescribeAlarms', input);
    state.polls += 1;
    const evaluated = state.polls > evaluatesAfterPolls;
    return {
      MetricAlarms: (input.AlarmNames ?? []).map((AlarmName) => ({
        AlarmName,
        StateValue: evaluated ? 'OK' : 'INSUFFICIENT_DATA',
        StateReason: evaluated ? 'Threshold Crossed: 1 datapoint' : 'Unchecked: Initial alarm creation',
        StateUpdatedTimestamp: new Date(START + (evaluated ? 90_000 : 1_000)),
      })),
    };
  });
  return { cw, rules, log, bad, state };
}

function clock(): { t: number; now: () => number; sleep: (ms: number) => Promise<void>; pollMs: number } {
  const c = { t: START, pollMs: 20_000, now: () => c.t, sleep: async (ms: number) => void (c.t += ms) };
  return c;
}

/** When a rule's mute ends: its at() minute plus its duration (and its record's ExpireDate). */
function ends(rule: PutAlarmMuteRuleCommandInput): number[] {
  const at = /^at\((\d{4}-\d\d-\d\dT\d\d:\d\d)\)$/.exec(rule.Rule?.Schedule?.Expression ?? '')?.[1];
  const minutes = Number(/^PT(\d+)M$/.exec(rule.Rule?.Schedule?.Duration ?? '')?.[1]);
  return [Date.parse(`${at}:00Z`) + minutes * 60_000, rule.ExpireDate?.getTime() ?? Infinity];
}

afterEach(() => jest.restoreAllMocks());

test('mutes the changed alarm before the apply, every new and changed one after it, and unmutes once they evaluated', async () => {
  const f = fake(2);
  const changes = [update('old'), create('new1'), create('new2')];
  f.state.alarms.add('old');
  const c = clock();
  const { result, settle } = await applyWithSettle(
    runOf(changes),
    new CloudWatchClient({ region }),
    WINDOW,
    async () => {
      // While the executor runs, the changed alarm is already muted.
      expect([...f.rules.values()].map((r) => r.MuteTargets?.AlarmNames)).toEqual([['old']]);
      f.state.alarms.add('new1').add('new2');
      return applied(changes);
    },
    c,
  );
  expect(result.done).toBe(3);
  expect(f.log).toEqual([
    'PutAlarmMuteRule',
    'PutAlarmMuteRule',
    'DescribeAlarms',
    'DescribeAlarms',
    'DescribeAlarms',
    'DeleteAlarmMuteRule',
  ]);
  expect(settle).toMatchObject({ muted: 3, evaluated: 3, pending: [] });
  expect(f.rules.size).toBe(0);
  expect(f.bad).toEqual([]);
  // Two polls found them unchecked: 40 s of the 600 s window.
  expect(c.t - START).toBe(40_000);
});

test('the rule is a one-time window from the current minute, as the API model allows', () => {
  expect(atExpression(START)).toBe('at(2026-12-07T19:50)');
  expect(isoMinutes(600)).toBe('PT10M');
  expect(isoMinutes(61)).toBe('PT2M');
  expect(ruleNames('shop', START, 250)).toEqual([
    'monitors-settle-shop-202612071950-1',
    'monitors-settle-shop-202612071950-2',
    'monitors-settle-shop-202612071950-3',
  ]);
});

test('250 new alarms: three rules of at most 100 alarms each', async () => {
  const f = fake(0);
  const changes = Array.from({ length: 250 }, (_, i) => create(`a${i}`));
  const { settle } = await applyWithSettle(
    runOf(changes),
    new CloudWatchClient({ region }),
    WINDOW,
    async () => {
      for (const c of changes) f.state.alarms.add(c.key.name);
      return applied(changes);
    },
    clock(),
  );
  expect(settle?.rules).toHaveLength(3);
  expect(f.bad).toEqual([]);
  expect(f.rules.size).toBe(0);
});

test('alarms that never evaluate: the wait ends with the window and the rules are deleted', async () => {
  const f = fake(Infinity);
  const changes = [create('quiet')];
  const c = clock();
  const { settle } = await applyWithSettle(
    runOf(changes),
    new CloudWatchClient({ region }),
    WINDOW,
    async () => {
      f.state.alarms.add('quiet');
      return applied(changes);
    },
    c,
  );
  expect(settle).toMatchObject({ evaluated: 0, pending: ['quiet'] });
  expect(c.t - START).toBe(WINDOW * 1000);
  expect(f.rules.size).toBe(0);
});

test('a held lock: the apply never starts and the rule comes down at once', async () => {
  const f = fake(0);
  f.state.alarms.add('old');
  const locked = new MonitorsError('LOCKED', 'another apply holds the lock');
  await expect(
    applyWithSettle(
      runOf([update('old')]),
      new CloudWatchClient({ region }),
      WINDOW,
      async () => Promise.reject(locked),
      clock(),
    ),
  ).rejects.toBe(locked);
  expect(f.rules.size).toBe(0);
});

test('no permission to mute: nothing is applied', async () => {
  const cw = mockClient(CloudWatchClient);
  cw.on(PutAlarmMuteRuleCommand).rejects(Object.assign(new Error('not authorized'), { name: 'AccessDeniedException' }));
  const apply = jest.fn(async () => applied([]));
  await expect(
    applyWithSettle(runOf([update('old')]), new CloudWatchClient({ region }), WINDOW, apply, clock()),
  ).rejects.toMatchObject({ code: 'SETTLE_FAILED' });
  expect(apply).not.toHaveBeenCalled();
});

describe('a crash at any point leaves nothing muted beyond the window', () => {
  // The process dies (no further call reaches AWS) at each step; whatever rule is left ends by itself.
  const points = ['after the first mute', 'in the executor', 'after the second mute', 'while waiting'] as const;
  test.each(points)('%s', async (point) => {
    const f = fake(Infinity);
    const changes = [update('old'), create('new')];
    f.state.alarms.add('old');
    const c = clock();
    let puts = 0;
    f.cw.on(PutAlarmMuteRuleCommand).callsFake((input: PutAlarmMuteRuleCommandInput) => {
      if (f.state.dead) throw new Error('gone');
      f.bad.push(...violations(MODEL, 'PutAlarmMuteRule', input));
      f.rules.set(input.Name ?? '', input);
      puts += 1;
      if ((point === 'after the first mute' && puts === 1) || (point === 'after the second mute' && puts === 2)) {
        f.state.dead = true;
      }
      return {};
    });
    if (point === 'while waiting') c.sleep = async () => void (f.state.dead = true);
    await applyWithSettle(
      runOf(changes),
      new CloudWatchClient({ region }),
      WINDOW,
      async () => {
        if (point === 'in the executor') f.state.dead = true;
        f.state.alarms.add('new');
        return applied(changes);
      },
      c,
    ).catch(() => undefined);
    expect(f.rules.size).toBeGreaterThan(0);
    for (const rule of f.rules.values()) {
      for (const end of ends(rule)) expect(end).toBeLessThanOrEqual(START + WINDOW * 1000 + 60_000);
    }
    expect(f.bad).toEqual([]);
  });
});

test('the model check can fail: a rule without its schedule, over 101 alarms, with an unknown member', () => {
  const names = Array.from({ length: 101 }, (_, i) => `a${i}`);
  expect(
    violations(MODEL, 'PutAlarmMuteRule', { Name: 'r', MuteTargets: { AlarmNames: names }, Window: 'PT1M' }),
  ).toEqual([
    'PutAlarmMuteRule(input): required member Rule missing',
    'PutAlarmMuteRule.MuteTargets.AlarmNames: at most 100 item(s), got 101',
    'PutAlarmMuteRule(input): unknown member Window',
  ]);
});

test('the action input settle: a duration from 1m to 15d, empty for no mute', () => {
  const inputs = (settle: string) => parseInputs((name) => (name === 'settle' ? settle : ''));
  expect(inputs('').settleSeconds).toBeUndefined();
  expect(inputs('10m').settleSeconds).toBe(600);
  expect(inputs('900').settleSeconds).toBe(900);
  expect(() => inputs('20s')).toThrow(/input settle "20s" must be between 1m and 15d/);
  expect(() => inputs('soon')).toThrow(/input settle "soon" must be between 1m and 15d/);
});
