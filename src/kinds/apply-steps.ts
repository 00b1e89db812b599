export type { AppliedChange, ApplyStep } from './applied-change';
export { APPLY_STEPS } from './index';
