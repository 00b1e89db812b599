import type { Change, DesiredResource, GuardResult, LiveResource, LiveState, PlanNotice } from '../model';

/**
 * What a kind adds to planning beyond its field diff: still pure (no AWS), run by plan/diff-plan.ts
 * for every kind module that has one (kinds/registry.ts gathers them).
 */
export interface PlanStep {
  /** Before matching: the desired resources as this kind needs them (and what to tell the owner). */
  desired?(
    resources: readonly DesiredResource[],
    live: readonly LiveResource[],
    region: string,
    adopt: boolean,
  ): { resources: DesiredResource[]; notices: PlanNotice[] };
  /**
   * Live resources the stack does not own that AWS deletes along with the plan's deletes (a topic's
   * hand-made subscriptions): the plan lists each as a delete, and the guards count them.
   */
  goesWith?(
    deletes: readonly Change[],
    live: readonly LiveResource[],
    region: string,
  ): { resource: LiveResource; reason: string }[];
  /** Refusals this kind raises on the plan. */
  guards?(desired: readonly DesiredResource[], live: LiveState): GuardResult[];
}
