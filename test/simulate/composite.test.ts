/**
 * Composite alarm rules (PutCompositeAlarm, AlarmRule): the functions, TRUE/FALSE, AND/OR/NOT, parentheses,
 * names quoted or not or as ARNs, and the composite's states over its children's.
 */
import {
  evaluateRule,
  parseRule,
  simulateComposite,
  simulateMetricAlarm,
  stateAt,
  type AlarmState,
} from '../../src/simulate';
import { MIN, T0, TOPIC, alarm, composite, perMinute } from './builders';

const states = (map: Record<string, AlarmState>) => (name: string) => map[name] ?? 'INSUFFICIENT_DATA';
const holds = (rule: string, map: Record<string, AlarmState>) => evaluateRule(parseRule(rule), states(map));

test('ALARM(), OK() and INSUFFICIENT_DATA() are TRUE when the named alarm is in that state', () => {
  expect(holds('ALARM(a)', { a: 'ALARM' })).toBe(true);
  expect(holds('ALARM(a)', { a: 'OK' })).toBe(false);
  expect(holds('OK(a)', { a: 'OK' })).toBe(true);
  expect(holds('INSUFFICIENT_DATA(a)', {})).toBe(true);
});

test('TRUE and FALSE are constants', () => {
  expect([holds('TRUE', {}), holds('FALSE', {})]).toEqual([true, false]);
});

test('the documented examples: AND, AND NOT, OR', () => {
  // "ALARM(CPUUtilizationTooHigh) AND ALARM(DiskReadOpsTooHigh)" and "... AND NOT ALARM(DeploymentInProgress)".
  const rule = 'ALARM(CPUUtilizationTooHigh) AND NOT ALARM(DeploymentInProgress)';
  expect(holds(rule, { CPUUtilizationTooHigh: 'ALARM', DeploymentInProgress: 'OK' })).toBe(true);
  expect(holds(rule, { CPUUtilizationTooHigh: 'ALARM', DeploymentInProgress: 'ALARM' })).toBe(false);
  expect(holds('ALARM(a) OR ALARM(b)', { b: 'ALARM' })).toBe(true);
});

test('NOT binds tighter than AND, AND tighter than OR (our reading); parentheses regroup', () => {
  const only = { a: 'ALARM' } as const;
  expect(holds('ALARM(a) OR ALARM(b) AND ALARM(c)', only)).toBe(true);
  expect(holds('(ALARM(a) OR ALARM(b)) AND ALARM(c)', only)).toBe(false);
  expect(holds('NOT ALARM(b) AND ALARM(a)', only)).toBe(true);
  expect(holds('NOT (ALARM(a) AND ALARM(b))', only)).toBe(true);
});

test('names may be quoted, unquoted, or alarm ARNs', () => {
  const map = { 'my alarm': 'ALARM', x: 'ALARM' } as const;
  expect(holds('ALARM("my alarm")', map)).toBe(true);
  expect(holds("ALARM('x')", map)).toBe(true);
  expect(holds('ALARM(arn:aws:cloudwatch:us-east-1:123456789012:alarm:x)', map)).toBe(true);
});

test('malformed rules are refused with the position', () => {
  expect(() => parseRule('ALARM(a) AND')).toThrow('unexpected end of the rule at character 13');
  expect(() => parseRule('ALARM(a')).toThrow('expected ")" at character 8');
  expect(() => parseRule('MAYBE(a)')).toThrow('unexpected "MAYBE" at character 1');
  expect(() => parseRule('ALARM(a) ALARM(b)')).toThrow('unexpected "ALARM" at character 10');
});

test('the composite is evaluated at creation and at every change of a child; actions fire on its transitions', () => {
  const errors = simulateMetricAlarm(alarm({ name: 'errors' }), perMinute([5, 0, 5]), { from: T0, to: T0 + 3 * MIN });
  const cpu = simulateMetricAlarm(alarm({ name: 'cpu' }), perMinute([5, 5, 5]), { from: T0, to: T0 + 3 * MIN });
  const both = simulateComposite(
    composite('ALARM(errors) AND ALARM(cpu)'),
    new Map([
      ['errors', errors],
      ['cpu', cpu],
    ]),
    stateAt,
    T0,
  );
  expect(both.evaluations.map((e) => [e.at - T0, e.state])).toEqual([
    [0, 'OK'],
    [MIN, 'ALARM'],
    [2 * MIN, 'OK'],
    [3 * MIN, 'ALARM'],
  ]);
  expect(both.transitions.filter((t) => t.to === 'ALARM').map((t) => [t.at - T0, t.actions])).toEqual([
    [MIN, [TOPIC]],
    [3 * MIN, [TOPIC]],
  ]);
  expect(both.evaluations[1]?.reason).toBe('rule is TRUE: errors is ALARM, cpu is ALARM');
});
