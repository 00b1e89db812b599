import type { SourceLocation } from './resources';

/**
 * One place a stack lives: an account and a region, under the alias the files gave it. A declared
 * target with several regions stands for one Target per region; each is planned, applied, locked and
 * owned on its own. A stack without `stack.targets` has no Target at all (one implicit place).
 */
export interface Target {
  /** The alias (`stack.targets[].name`), shared by the target's regions. */
  readonly name: string;
  readonly region: string;
  /** The 12-digit account id the files declare; the run refuses credentials that reach another. */
  readonly account: string;
  /** A role ARN to assume (sts:AssumeRole) from the run's own credentials. */
  readonly role?: string;
  /** A shared-config profile to use instead of the run's own credentials (the SDK's ini chain). */
  readonly profile?: string;
  /** Where the target is declared. */
  readonly source?: SourceLocation;
}

/** How a target is named in every output: "alias/region", unique within a stack. */
export function targetLabel(target: Pick<Target, 'name' | 'region'>): string {
  return `${target.name}/${target.region}`;
}
