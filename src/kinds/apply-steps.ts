import type { ApplyStep } from './applied-change';
import { recordAdoptedFilters } from './metric-filter/apply-step';

export type { AppliedChange, ApplyStep } from './applied-change';

export const APPLY_STEPS: readonly ApplyStep[] = [
  // Metric filters adopted under their own names: the stack's SSM record of them.
  recordAdoptedFilters,
];
