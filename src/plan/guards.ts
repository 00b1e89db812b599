import type { Change, GuardResult, Plan } from '../model';

/** What the guards need to know beyond the changes. */
export interface GuardOptions {
  readonly allowMassDelete: boolean;
  /** Share of owned resources (0..1) a plan may delete before it is refused. */
  readonly maxDeleteShare: number;
}

/** Below this many owned resources the share guard stays quiet: deleting one of two is normal work. */
const MIN_OWNED_FOR_SHARE = 4;

/**
 * Guards against the classic accident: a mis-pointed or emptied directory that would delete the
 * whole stack. Each refusal says what happened and how to proceed.
 */
export function evaluateGuards(
  changes: readonly Change[],
  ownedLiveCount: number,
  options: GuardOptions,
): GuardResult[] {
  const deletes = changes.filter((c) => c.action === 'delete').length;
  const results: GuardResult[] = [];
  const allowed = ' Allowed by --allow-mass-delete.';
  if (ownedLiveCount > 0 && deletes === ownedLiveCount) {
    results.push({
      name: 'delete-all',
      refused: !options.allowMassDelete,
      message:
        `This plan deletes all ${ownedLiveCount} resource(s) the stack owns and keeps none. ` +
        (options.allowMassDelete
          ? allowed
          : 'If the directory is wrong or was emptied by mistake, fix it; if you really mean to tear the stack down, run again with --allow-mass-delete.'),
    });
  } else if (ownedLiveCount >= MIN_OWNED_FOR_SHARE && deletes / ownedLiveCount > options.maxDeleteShare) {
    const pct = Math.round((deletes / ownedLiveCount) * 100);
    results.push({
      name: 'mass-delete',
      refused: !options.allowMassDelete,
      message:
        `This plan deletes ${deletes} of ${ownedLiveCount} owned resources (${pct}%, over the ${Math.round(options.maxDeleteShare * 100)}% limit). ` +
        (options.allowMassDelete
          ? allowed
          : 'Review the deletions; if they are intended, run again with --allow-mass-delete or raise --max-delete-share.'),
    });
  }
  return results;
}

/** True when a guard refused the plan: apply must not run it. */
export function planRefused(plan: Plan): boolean {
  return plan.guards.some((g) => g.refused);
}

/** What every refusing guard says, one per line: the reason a run stops. */
export function refusalMessage(plan: Plan): string {
  return plan.guards
    .filter((g) => g.refused)
    .map((g) => g.message)
    .join('\n');
}
