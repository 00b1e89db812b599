import type { PlanStep } from './plan-step';
import { MODULES } from './registry';

export type { PlanStep } from './plan-step';

/** What kinds add to planning beyond their field diffs (plan/diff-plan.ts runs each). */
export const PLAN_STEPS: readonly PlanStep[] = MODULES.flatMap((m) => m.planSteps ?? []);
