import type { Diagnostic } from './errors';
import type { FilterSpec, ResourceSpec, SourceLocation, Tags } from './resources';
import type { SensitivePaths } from './sensitive';

/** Stack-wide settings from the files' `stack:` block. */
export interface StackSettings {
  /** Names the stack; recorded in the ownership tag and the metric-filter name prefix. */
  readonly name: string;
  /** Names the stack had before: what they own is taken over (re-tagged, filters renamed). */
  readonly formerNames?: readonly string[];
  /** The stack's region, else --region, else the SDK's chain; "" only when checking files without one. */
  readonly region: string;
  readonly defaultTags: Tags;
}

/** A value that came from `${env:NAME}`: it must never appear in output. */
export interface SecretValue {
  readonly envName: string;
  readonly value: string;
}

/** A resource as declared, with where it was declared. */
export interface DesiredResource {
  readonly spec: ResourceSpec;
  readonly source: SourceLocation;
  /** What the resource was compiled from, when not written out itself ("SLO checkout"): the plan shows it as one entry. */
  readonly origin?: string;
  /** Fields whose value came from `${env:}` (see sensitive.ts); absent means none. */
  readonly sensitive?: SensitivePaths;
}

/**
 * What kinds add to a loaded stack besides resources (the alarm packs: kinds/pack/declaration.ts adds
 * `packs` with `declare module`), so that model/ imports no kind.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type
export interface DesiredStackExtensions {}

/** The result of loading a monitors directory: what should exist, plus warnings. */
export interface DesiredStack extends DesiredStackExtensions {
  readonly settings: StackSettings;
  /** Fully normalized, ownership tags and name prefixes applied, topic names resolved to ARNs. */
  readonly resources: readonly DesiredResource[];
  readonly secrets: readonly SecretValue[];
  readonly warnings: readonly Diagnostic[];
  /** The account id used to resolve topic ARNs; filled in after credentials are known. */
  readonly files: readonly string[];
  /** sha256 of each file in `files` as it was read (the loader sets it; a saved plan records it). */
  readonly fileDigests?: Readonly<Record<string, string>>;
}

/** The live state of one resource as read from AWS, plus what only live resources have. */
export interface LiveResource {
  readonly spec: ResourceSpec;
  /** The ARN when the resource has one (alarms, log groups, topics, subscriptions). */
  readonly arn?: string;
  /** True when the ownership tag (or filter name prefix) names this stack. */
  readonly owned: boolean;
  /** For an owned-by-another-stack resource: that stack's name. */
  readonly ownerStack?: string;
  /** Owned through one of the stack's former names (stack.formerNames): that name. */
  readonly formerOwner?: string;
  /** Fields the reader knows to be sensitive beyond the kind's own rule. */
  readonly sensitive?: SensitivePaths;
  /** Subscriptions only: SNS has not been told the endpoint accepted yet. */
  readonly pendingConfirmation?: boolean;
}

/** All live resources in scope for a stack, and how they were read. */
export interface LiveState {
  readonly region: string;
  readonly accountId: string;
  readonly resources: readonly LiveResource[];
  /**
   * Metric filters this stack does not own on the log groups its filters use: another filter there
   * emitting the same metric would count every matching line twice.
   */
  readonly otherFilters?: readonly FilterSpec[];
  /**
   * The stacks owning those of them adopted under their own names (the SSM record says so, not the
   * name), by declaredFilterId (ownership.ts): what a double-count refusal names.
   */
  readonly otherFilterOwners?: Readonly<Record<string, string>>;
}
