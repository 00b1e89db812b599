import type { AwsClients } from '../aws/clients';
import type { Change, StackSettings } from '../model';

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
