/**
 * `--settle DURATION`: new and changed alarms go INSUFFICIENT_DATA → OK/ALARM right after apply and
 * every on-call channel hears of it. A one-time alarm mute rule (PutAlarmMuteRule, schedule
 * `at(now)` for DURATION) covers them while they evaluate for the first time; it is deleted as soon as
 * each has evaluated. The window is the safety: a crash, a held lock or a lost process leaves a rule
 * that AWS ends by itself at DURATION (and its ExpireDate); nothing is muted beyond it.
 */
import {
  DeleteAlarmMuteRuleCommand,
  DescribeAlarmsCommand,
  PutAlarmMuteRuleCommand,
  type CloudWatchClient,
} from '@aws-sdk/client-cloudwatch';
import { liveOf } from '../kinds/live';
import type { Plan } from '../model';
import { settleRulePrefix } from './bounds';

/** "You can specify up to 100 alarm names" per mute rule (MuteTargets.AlarmNames). */
export const MAX_ALARMS_PER_RULE = 100;
/** DescribeAlarms takes up to 100 alarm names a call. */
const DESCRIBE_BATCH = 100;

export interface SettleClock {
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  /** How often to look at the alarms' states while waiting. */
  readonly pollMs: number;
}

export const REAL_CLOCK: SettleClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
  pollMs: 20_000,
};

/** The alarms a plan creates or changes (every kind with alarm actions), by name: what to mute. */
export function alarmsToSettle(plan: Plan): { readonly existing: string[]; readonly all: string[] } {
  const existing: string[] = [];
  const all: string[] = [];
  for (const c of plan.changes) {
    if (c.action === 'delete' || c.action === 'noop') continue;
    if (!liveOf(c.after).actions) continue;
    all.push(c.key.name);
    // A replaced alarm is deleted first: only updated and adopted ones exist before the executor runs.
    if (c.action === 'update' || c.action === 'adopt') existing.push(c.key.name);
  }
  return { existing, all };
}

/** `at(2026-12-07T19:50)`: the start of the current minute, in UTC (the rule's default time zone). */
export function atExpression(ms: number): string {
  return `at(${new Date(Math.floor(ms / 60_000) * 60_000).toISOString().slice(0, 16)})`;
}

/** ISO 8601 duration in whole minutes, rounded up: "PT10M". */
export function isoMinutes(seconds: number): string {
  return `PT${Math.ceil(seconds / 60)}M`;
}

/** One rule's name per batch of 100 alarms: the stack's, with the minute it started. */
export function ruleNames(stack: string, startedAt: number, alarms: number): string[] {
  const stamp = new Date(startedAt).toISOString().slice(0, 16).replace(/[-:T]/g, '');
  const n = Math.max(1, Math.ceil(alarms / MAX_ALARMS_PER_RULE));
  return Array.from({ length: n }, (_, i) => `${settleRulePrefix(stack)}${stamp}-${i + 1}`.slice(0, 255));
}

/** A settle in progress: the rules put and the window they close at. */
export interface Settle {
  readonly stack: string;
  readonly startedAt: number;
  readonly seconds: number;
  readonly rules: readonly string[];
}

/** Puts (or replaces) the mute rules over `alarms`, all with the same window starting at `startedAt`. */
export async function putMuteRules(
  cw: CloudWatchClient,
  stack: string,
  alarms: readonly string[],
  startedAt: number,
  seconds: number,
): Promise<Settle> {
  const names = ruleNames(stack, startedAt, alarms.length);
  for (const [i, name] of names.entries()) {
    const batch = alarms.slice(i * MAX_ALARMS_PER_RULE, (i + 1) * MAX_ALARMS_PER_RULE);
    if (batch.length === 0) continue;
    await cw.send(
      new PutAlarmMuteRuleCommand({
        Name: name,
        Description: `monitors apply --settle of stack ${stack}: new and changed alarms evaluate once, unheard`,
        Rule: { Schedule: { Expression: atExpression(startedAt), Duration: isoMinutes(seconds) } },
        MuteTargets: { AlarmNames: [...batch] },
        // The record ends with the window too, so a rule a crash left behind is expired, not pending.
        ExpireDate: new Date(startedAt + seconds * 1000 + 60_000),
      }),
    );
  }
  return { stack, startedAt, seconds, rules: names };
}

/** Waits until every alarm has evaluated since `since` (or the window ends), then deletes the rules. */
export async function finishSettle(
  cw: CloudWatchClient,
  settle: Settle,
  alarms: readonly string[],
  clock: SettleClock,
): Promise<{ readonly evaluated: number; readonly pending: readonly string[] }> {
  const end = settle.startedAt + settle.seconds * 1000;
  let pending = [...alarms];
  try {
    while (pending.length > 0 && clock.now() < end) {
      pending = await notYetEvaluated(cw, pending, settle.startedAt);
      if (pending.length > 0) await clock.sleep(Math.min(clock.pollMs, Math.max(0, end - clock.now())));
    }
  } finally {
    // Deleted even when the wait failed: the window would end it anyway, this only ends it sooner.
    for (const name of settle.rules) await cw.send(new DeleteAlarmMuteRuleCommand({ AlarmMuteRuleName: name }));
  }
  return { evaluated: alarms.length - pending.length, pending };
}

/**
 * Alarms that have not evaluated since the settle started: no state update since then, or only the
 * "Unchecked: Initial alarm creation" of a new alarm. An alarm whose evaluation keeps its state shows
 * no update and is waited for until the window ends: muted longer, never beyond the window.
 */
async function notYetEvaluated(cw: CloudWatchClient, names: readonly string[], since: number): Promise<string[]> {
  const evaluated = new Set<string>();
  for (let i = 0; i < names.length; i += DESCRIBE_BATCH) {
    const out = await cw.send(
      new DescribeAlarmsCommand({
        AlarmNames: names.slice(i, i + DESCRIBE_BATCH),
        AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
      }),
    );
    for (const a of [...(out.MetricAlarms ?? []), ...(out.CompositeAlarms ?? [])]) {
      const updated = (a.StateUpdatedTimestamp?.getTime() ?? 0) >= Math.floor(since / 1000) * 1000;
      const unchecked = (a.StateReason ?? '').startsWith('Unchecked');
      if (a.AlarmName && updated && !unchecked) evaluated.add(a.AlarmName);
    }
  }
  return names.filter((n) => !evaluated.has(n));
}
