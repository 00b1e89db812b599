import type { Change, DesiredResource, GuardResult, LiveResource, LiveState, PlanNotice } from '../model';
import { doubleCountGuards } from './metric-filter/double-count';
import { keepUnmanagedSubscriptions, subscriptionsGoingWithTopics } from './topic/unmanaged-subscriptions';

/**
 * What a kind adds to planning beyond its field diff: still pure (no AWS), run by plan/diff-plan.ts
 * for every kind that has one. Kept apart from kinds/registry.ts, which the model loads at start-up.
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

export const PLAN_STEPS: readonly PlanStep[] = [
  // Topics: adopting one keeps the subscriptions made on it by hand, unmanaged.
  { desired: keepUnmanagedSubscriptions, goesWith: subscriptionsGoingWithTopics },
  // Metric filters: one emitting what another filter on its log group already emits is refused.
  { guards: (desired, live) => doubleCountGuards(desired, live.otherFilters ?? [], live.otherFilterOwners) },
];
