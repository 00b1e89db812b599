/** Small text helpers shared by the chat formatters. */
import type { AlarmNotification } from './alarm';

/** Cuts to at most `max` characters (code points), ending with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const chars = [...s];
  return chars.length <= max ? s : `${chars.slice(0, Math.max(0, max - 1)).join('')}…`;
}

/** `2026-11-25 16:00:24 UTC`, readable in every chat; the ISO form stays in the payload where chats take one. */
export function timeWords(iso: string): string {
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : `${d.toISOString().slice(0, 19).replace('T', ' ')} UTC`;
}

/** The facts every message lists, in order, as label and plain (unescaped) value. */
export function facts(n: AlarmNotification): { label: string; value: string }[] {
  const out = [{ label: 'Reason', value: n.reason }];
  if (n.detail.kind === 'composite') {
    out.push({ label: 'Rule', value: n.detail.rule });
    out.push({
      label: n.state === 'ALARM' ? 'Children in ALARM' : 'Triggering children',
      value: childrenValue(n.detail.triggeringChildren, n.state),
    });
  }
  if (n.detail.kind === 'math' && n.detail.inputs.length > 0)
    out.push({ label: 'Inputs', value: n.detail.inputs.join('\n') });
  out.push({ label: 'When', value: timeWords(n.time) });
  out.push({ label: 'Region', value: n.region || 'unknown' });
  out.push({ label: 'Account', value: n.account || 'unknown' });
  return out;
}

function childrenValue(kids: readonly { name: string; state: string }[] | undefined, state: string): string {
  if (kids === undefined) return 'not listed in the notification: see the rule and the console';
  const shown = state === 'ALARM' ? kids.filter((k) => k.state === 'ALARM') : kids;
  if (shown.length === 0) return 'none listed';
  return shown.map((k) => `${k.name} (${k.state})`).join(', ');
}
