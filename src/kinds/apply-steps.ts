import type { AwsClients } from '../aws/clients';
import type { Change, StackSettings } from '../model';
import { recordAdoptedFilters } from './metric-filter/apply-step';

/** A change of the plan and how its apply ended (noops count as done). */
export interface AppliedChange {
  readonly change: Change;
  readonly status: 'done' | 'failed' | 'skipped';
}

/**
 * What a kind records after an apply beyond its resources, under the apply lock (core.ts runs every
 * one once the executor is done). Returns notes for the person applying; never throws for AWS.
 */
export type ApplyStep = (
  clients: AwsClients,
  stack: StackSettings,
  applied: readonly AppliedChange[],
) => Promise<readonly string[]>;

export const APPLY_STEPS: readonly ApplyStep[] = [
  // Metric filters adopted under their own names: the stack's SSM record of them.
  recordAdoptedFilters,
];
