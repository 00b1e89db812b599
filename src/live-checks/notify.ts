/**
 * Quiet deploys: which new or changed alarms will change state right after apply, and whom that
 * notifies. The state each will reach is the backtest's last evaluation of its new definition
 * (src/backtest/); the state it leaves is INSUFFICIENT_DATA for a new (or replaced) alarm, else the
 * backtest's last evaluation of the current definition. Pure.
 */
import type { BacktestReport } from '../backtest';
import { liveOf } from '../kinds/live';
import { isSensitivePath, keyShownName, type Plan } from '../model';
import { KIND_LABEL } from '../kinds/keys';
import type { AlarmState } from '../simulate';

export interface StateChange {
  readonly subject: string;
  readonly from: AlarmState;
  readonly to: AlarmState;
  /** Who hears of it: topic names (the last part of each action's ARN). */
  readonly notifies: readonly string[];
}

export interface NotifyForecast {
  readonly changes: readonly StateChange[];
  /** Per recipient, how many alarms will notify it, most first. */
  readonly byRecipient: readonly { readonly recipient: string; readonly alarms: number }[];
  /** Alarms of the plan the backtest could not replay: their first state is unknown. */
  readonly unknown: number;
}

/** "shop-alerts" from "arn:aws:sns:us-east-1:123456789012:shop-alerts". */
const recipient = (arn: string) => arn.slice(arn.lastIndexOf(':') + 1) || arn;

export function forecastNotifications(plan: Plan, report: BacktestReport): NotifyForecast {
  const byName = new Map(report.entries.map((e) => [e.alarm, e]));
  const changes: StateChange[] = [];
  let unknown = 0;
  for (const c of plan.changes) {
    if (c.action === 'delete' || c.action === 'noop') continue;
    const actions = liveOf(c.after).actions?.(c.after);
    if (!actions) continue;
    const entry = byName.get(c.key.name);
    if (entry?.status !== 'done') {
      unknown += 1;
      continue;
    }
    const fresh = c.action === 'create' || c.action === 'replace';
    const from: AlarmState | undefined = fresh ? 'INSUFFICIENT_DATA' : entry.current?.endState;
    const to = entry.next.endState;
    if (from === undefined) {
      unknown += 1;
      continue;
    }
    if (from === to) continue;
    const hidden = isSensitivePath(c.sensitive ?? [], 'alarmActions');
    changes.push({
      subject: `${KIND_LABEL[c.key.kind]} ${keyShownName(c.key)}`,
      from,
      to,
      notifies: hidden ? ['(a secret action)'] : [...new Set(actions[to].map(recipient))].sort(),
    });
  }
  const counts = new Map<string, number>();
  for (const ch of changes) for (const r of ch.notifies) counts.set(r, (counts.get(r) ?? 0) + 1);
  const byRecipient = [...counts]
    .map(([r, alarms]) => ({ recipient: r, alarms }))
    .sort((a, b) => b.alarms - a.alarms || a.recipient.localeCompare(b.recipient));
  return { changes, byRecipient, unknown };
}

/** "this apply will notify shop-alerts about 2 alarms and ops about 1 alarm", or that it notifies no one. */
export function forecastLine(f: NotifyForecast): string {
  if (f.byRecipient.length === 0) return 'this apply will notify no one';
  const parts = f.byRecipient.map((r) => `${r.recipient} about ${r.alarms} alarm${r.alarms === 1 ? '' : 's'}`);
  return `this apply will notify ${parts.join(', ')}`;
}

/** The forecast as lines: the headline, then one line per alarm that changes state. */
export function forecastLines(f: NotifyForecast): string[] {
  return [
    `Notifications on apply (from the backtest's last evaluation): ${forecastLine(f)}`,
    ...f.changes.map(
      (c) => `  ${c.subject}: ${c.from} → ${c.to}${c.notifies.length > 0 ? `, notifies ${c.notifies.join(', ')}` : ''}`,
    ),
    ...(f.unknown > 0
      ? [`  ${f.unknown} more alarm${f.unknown === 1 ? '' : 's'} not replayed by the backtest: first state unknown`]
      : []),
  ];
}
