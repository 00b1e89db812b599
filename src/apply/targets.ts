import type { Target, TargetFailure } from '../model';
import type { ApplyResult } from './executor';

/**
 * What applying one target came to: its apply's result (which may list failed changes), nothing to
 * do, or why it could not run at all (not planned, locked, refused by a guard).
 */
export type TargetApply =
  | { readonly status: 'applied'; readonly target: Target; readonly result: ApplyResult }
  | { readonly status: 'unchanged'; readonly target: Target }
  | { readonly status: 'failed'; readonly target: Target; readonly error: TargetFailure };
