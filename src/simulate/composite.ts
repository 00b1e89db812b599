/**
 * Composite alarms: the rule parsed into a tree and evaluated over the simulated states of its children.
 *
 * Source: PutCompositeAlarm, AlarmRule
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_PutCompositeAlarm.html):
 * ALARM(x) / OK(x) / INSUFFICIENT_DATA(x) are TRUE when alarm x is in that state, TRUE and FALSE are
 * constants, AND / OR / NOT combine them and parentheses group; x is a name (quoted or not) or an ARN.
 * The page gives no precedence for unparenthesized AND/OR; we read it as the usual NOT > AND > OR.
 * A rule that is TRUE puts the composite in ALARM, FALSE in OK.
 */
import { MonitorsError } from '../model';
import type { AlarmState } from './evaluate';
import { actionsFor, transitionsOf, type AlarmTimeline } from './timeline';
import type { CompositeAlarmSpec } from '../kinds/specs';

export type RuleNode =
  | { readonly kind: 'const'; readonly value: boolean }
  | { readonly kind: 'state'; readonly state: AlarmState; readonly alarm: string }
  | { readonly kind: 'not'; readonly operand: RuleNode }
  | { readonly kind: 'and' | 'or'; readonly left: RuleNode; readonly right: RuleNode };

type Token = { readonly text: string; readonly at: number };

function tokenize(rule: string): Token[] {
  const tokens: Token[] = [];
  const re = /\s*("(?:[^"\\]|\\.)*"|'[^']*'|\(|\)|[^\s()]+)/gy;
  let end = 0;
  for (let m = re.exec(rule); m !== null && m[1] !== undefined; m = re.exec(rule)) {
    tokens.push({ text: m[1], at: m.index + m[0].length - m[1].length });
    end = re.lastIndex;
  }
  if (rule.slice(end).trim() !== '') throw ruleError(rule, end, 'unexpected text');
  return tokens;
}

function ruleError(rule: string, at: number, what: string): MonitorsError {
  return new MonitorsError('USAGE', `alarm rule "${rule}": ${what} at character ${at + 1}`);
}

const FUNCTIONS: Readonly<Record<string, AlarmState>> = {
  ALARM: 'ALARM',
  OK: 'OK',
  INSUFFICIENT_DATA: 'INSUFFICIENT_DATA',
};

/** An alarm named in a rule: the name, or the name at the end of an alarm ARN. */
export function alarmName(ref: string): string {
  const unquoted = /^(["']).*\1$/.test(ref) ? ref.slice(1, -1) : ref;
  const i = unquoted.lastIndexOf(':alarm:');
  return (i >= 0 ? unquoted.slice(i + 7) : unquoted).trim();
}

/** Parses a composite alarm rule; throws MonitorsError USAGE with the position of the problem. */
export function parseRule(rule: string): RuleNode {
  const tokens = tokenize(rule);
  let i = 0;
  const peek = () => tokens[i]?.text;
  const fail = (what: string): never => {
    throw ruleError(rule, tokens[i]?.at ?? rule.length, what);
  };
  const expect = (text: string) => (peek() === text ? i++ : fail(`expected "${text}"`));

  const primary = (): RuleNode => {
    const t = peek();
    if (t === undefined) return fail('unexpected end of the rule');
    if (t === '(') {
      i++;
      const inner = or();
      expect(')');
      return inner;
    }
    if (t === 'TRUE' || t === 'FALSE') {
      i++;
      return { kind: 'const', value: t === 'TRUE' };
    }
    const state = FUNCTIONS[t];
    if (state) {
      i++;
      expect('(');
      const ref = peek();
      if (ref === undefined || ref === ')' || ref === '(') return fail('expected an alarm name');
      i++;
      expect(')');
      return { kind: 'state', state, alarm: alarmName(ref) };
    }
    return fail(`unexpected "${t}"`);
  };
  const not = (): RuleNode => {
    if (peek() === 'NOT') {
      i++;
      return { kind: 'not', operand: not() };
    }
    return primary();
  };
  const and = (): RuleNode => {
    let left = not();
    while (peek() === 'AND') {
      i++;
      left = { kind: 'and', left, right: not() };
    }
    return left;
  };
  const or = (): RuleNode => {
    let left = and();
    while (peek() === 'OR') {
      i++;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };
  const tree = or();
  if (i < tokens.length) fail(`unexpected "${peek()}"`);
  return tree;
}

/** The alarms a rule refers to. */
export function ruleChildren(node: RuleNode): string[] {
  switch (node.kind) {
    case 'const':
      return [];
    case 'state':
      return [node.alarm];
    case 'not':
      return ruleChildren(node.operand);
    case 'and':
    case 'or':
      return [...new Set([...ruleChildren(node.left), ...ruleChildren(node.right)])];
  }
}

/** Evaluates a rule given each child's state. */
export function evaluateRule(node: RuleNode, stateOf: (alarm: string) => AlarmState): boolean {
  switch (node.kind) {
    case 'const':
      return node.value;
    case 'state':
      return stateOf(node.alarm) === node.state;
    case 'not':
      return !evaluateRule(node.operand, stateOf);
    case 'and':
      return evaluateRule(node.left, stateOf) && evaluateRule(node.right, stateOf);
    case 'or':
      return evaluateRule(node.left, stateOf) || evaluateRule(node.right, stateOf);
  }
}

/**
 * The composite's states over time. It is evaluated when it is created (the start of the window: "The
 * alarm is then evaluated and its state is set appropriately", PutCompositeAlarm) and whenever one of its
 * children changes state; our reading is that nothing else can change its state.
 */
export function simulateComposite(
  alarm: CompositeAlarmSpec,
  children: ReadonlyMap<string, AlarmTimeline>,
  stateOf: (timeline: AlarmTimeline, at: number) => AlarmState,
  from: number,
): AlarmTimeline {
  const rule = parseRule(alarm.rule);
  const names = ruleChildren(rule);
  const times = new Set<number>([from]);
  for (const name of names) for (const t of children.get(name)?.transitions ?? []) if (t.at >= from) times.add(t.at);
  const evaluations = [...times]
    .sort((a, b) => a - b)
    .map((at) => {
      const lookup = (name: string): AlarmState => {
        const child = children.get(name);
        return child ? stateOf(child, at) : 'INSUFFICIENT_DATA';
      };
      const value = evaluateRule(rule, lookup);
      const states = names.map((n) => `${n} is ${lookup(n)}`).join(', ');
      return {
        at,
        state: (value ? 'ALARM' : 'OK') as AlarmState,
        reason: `rule is ${value ? 'TRUE' : 'FALSE'}${states ? `: ${states}` : ''}`,
      };
    });
  return {
    name: alarm.name,
    kind: 'compositeAlarm',
    periods: [],
    evaluations,
    transitions: transitionsOf(evaluations, (to) => actionsFor(alarm, to)),
  };
}
