/**
 * An apply wrapped in a settle: the mute rules over the changed alarms go up before the executor, over
 * every new and changed alarm that now exists right after it, and come down once each has evaluated.
 * Entry points call `applyWithSettle` instead of calling the apply alone.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { ApplyResult } from '../apply/executor';
import { clientsFor, type PlanRun, type RunOptions } from '../core';
import { keyId, MonitorsError } from '../model';
import { alarmsToSettle, finishSettle, putMuteRules, REAL_CLOCK, type Settle, type SettleClock } from './settle';

export interface SettleReport {
  readonly rules: readonly string[];
  readonly muted: number;
  readonly evaluated: number;
  /** Alarms that had not evaluated when the window ended (their rule ended with it). */
  readonly pending: readonly string[];
  /** Why the mute could not be put after the apply (the apply stands). */
  readonly error?: string;
}

const why = (err: unknown) => {
  const e = err as { name?: string; message?: string };
  return `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}`;
};

/** The CloudWatch client of the plan's account and region, as the apply reaches it. */
export function settleClient(run: PlanRun, options: RunOptions): CloudWatchClient {
  return clientsFor(options, run.plan.region, run.target).cloudwatch;
}

export async function applyWithSettle(
  run: PlanRun,
  cw: CloudWatchClient,
  seconds: number,
  apply: () => Promise<ApplyResult>,
  clock: SettleClock = REAL_CLOCK,
): Promise<{ readonly result: ApplyResult; readonly settle?: SettleReport }> {
  const { existing, all } = alarmsToSettle(run.plan);
  if (all.length === 0) return { result: await apply() };
  const stack = run.plan.stack;
  const startedAt = clock.now();
  let before: Settle | undefined;
  if (existing.length > 0) {
    try {
      before = await putMuteRules(cw, stack, existing, startedAt, seconds);
    } catch (err) {
      // Nothing applied yet: the quiet deploy asked for cannot be given, so nothing is done.
      throw new MonitorsError(
        'SETTLE_FAILED',
        `--settle could not mute the changed alarms (${why(err)}): nothing was applied`,
      );
    }
  }
  let result: ApplyResult;
  try {
    result = await apply();
  } catch (err) {
    // A held lock, a refusal: take the rule down at once (the window would end it anyway).
    if (before) await finishSettle(cw, before, [], clock).catch(() => undefined);
    throw err;
  }
  // Only alarms that exist can be muted: a create that failed is left out.
  const failed = new Set(result.outcomes.filter((o) => o.status !== 'done').map((o) => keyId(o.change.key)));
  const names = new Set(run.plan.changes.filter((c) => failed.has(keyId(c.key))).map((c) => c.key.name));
  const muted = all.filter((n) => !names.has(n) || existing.includes(n));
  let settle: Settle;
  try {
    settle = await putMuteRules(cw, stack, muted, startedAt, seconds);
  } catch (err) {
    if (before) await finishSettle(cw, before, [], clock).catch(() => undefined);
    return { result, settle: { rules: [], muted: 0, evaluated: 0, pending: muted, error: why(err) } };
  }
  const finished = await finishSettle(cw, settle, muted, clock);
  return { result, settle: { rules: settle.rules, muted: muted.length, ...finished } };
}

/** "Settle: 3 alarms muted while they evaluated (rule monitors-settle-…), 3 evaluated; unmuted." */
export function settleText(s: SettleReport | undefined): string {
  if (!s) return '';
  if (s.error) return `\nSettle: the new alarms could not be muted after the apply (${s.error}); the apply stands.\n`;
  const pending = s.pending.length > 0 ? `; ${s.pending.length} had not evaluated when the window ended` : '';
  return `\nSettle: ${s.muted} alarm${s.muted === 1 ? '' : 's'} muted while ${s.muted === 1 ? 'it' : 'they'} evaluated (${s.rules.join(', ')}), ${s.evaluated} evaluated${pending}; the mute rule${s.rules.length === 1 ? ' is' : 's are'} deleted.\n`;
}
