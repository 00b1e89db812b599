import type { ErrorCode } from './errors';
import type { ResourceKey } from './keys';
import type { ResourceSpec, SourceLocation } from './resources';
import type { SensitivePaths } from './sensitive';
import type { Target } from './target';

/** One field that differs, by dotted path ("threshold", "tags.team", "metric.dimensions.InstanceId"). */
export interface FieldDiff {
  readonly path: string;
  readonly before: unknown;
  readonly after: unknown;
  /** True when changing this field cannot be done in place (see Change.reason). */
  readonly forcesReplacement: boolean;
  /** Set on rendered copies only: before and after are masks, not values (see render/redact.ts). */
  readonly sensitive?: boolean;
}

interface ChangeBase {
  readonly key: ResourceKey;
  /** Where the resource is declared, when it is. */
  readonly source?: SourceLocation;
  /** What the resource was compiled from (DesiredResource.origin): renderers group its changes under it. */
  readonly origin?: string;
  /**
   * Fields masked in every output, on both sides (Terraform's before/after_sensitive in one list):
   * the desired side's marks, the kind's own rule, and the live side's. Renderers add the kind rule
   * again, so a change built without marks still hides a webhook URL.
   */
  readonly sensitive?: SensitivePaths;
}

/**
 * Changes to a resource that exists carry the fingerprint of the live resource they were computed
 * from (see plan/fingerprint.ts): apply re-reads it and skips the change when it no longer matches.
 */
interface SeenLive {
  readonly seen: string;
}

/** What the reconciler will do to one resource. A plan is a list of these; apply executes them. */
export type Change =
  | (ChangeBase & { readonly action: 'create'; readonly after: ResourceSpec })
  | (ChangeBase &
      SeenLive & {
        readonly action: 'update';
        readonly before: ResourceSpec;
        readonly after: ResourceSpec;
        readonly diffs: readonly FieldDiff[];
        readonly arn?: string;
      })
  | (ChangeBase &
      SeenLive & {
        readonly action: 'replace';
        readonly before: ResourceSpec;
        readonly after: ResourceSpec;
        readonly diffs: readonly FieldDiff[];
        /** For people only, never used to decide anything at apply time. */
        readonly reason: string;
        readonly arn?: string;
      })
  | (ChangeBase &
      SeenLive & {
        readonly action: 'delete';
        readonly before: ResourceSpec;
        readonly reason: string;
        readonly arn?: string;
      })
  | (ChangeBase &
      SeenLive & {
        readonly action: 'adopt';
        readonly before: ResourceSpec;
        readonly after: ResourceSpec;
        readonly diffs: readonly FieldDiff[];
        readonly arn?: string;
      })
  | (ChangeBase & { readonly action: 'noop'; readonly before: ResourceSpec; readonly note?: string });

export type ChangeAction = Change['action'];

/** A guard that looked at the plan; `refused` guards stop apply unless overridden. */
export interface GuardResult {
  readonly name: 'mass-delete' | 'delete-all' | 'double-count';
  readonly refused: boolean;
  readonly message: string;
}

/** Something a reviewer must know that is not a change (pending subscriptions, unowned look-alikes). */
export interface PlanNotice {
  readonly severity: 'info' | 'warning';
  readonly message: string;
  readonly key?: ResourceKey;
}

/** The plan: a value computed purely from desired and live state. */
export interface Plan {
  readonly version: 1;
  readonly stack: string;
  readonly region: string;
  readonly accountId: string;
  /** In dependency order: creates/updates parents first, deletes children first. */
  readonly changes: readonly Change[];
  readonly guards: readonly GuardResult[];
  readonly notices: readonly PlanNotice[];
  /** sha256 of the normalized live state the plan was computed from. */
  readonly liveFingerprint: string;
  /** The stack directory as the user gave it, for messages; absent means monitors/. */
  readonly directory?: string;
  /** The target's alias when the stack declares targets (stack.targets); absent otherwise. */
  readonly target?: string;
}

/** Why one target could not be planned or applied: shown for that target only, never stopping the others. */
export interface TargetFailure {
  readonly code: ErrorCode;
  readonly message: string;
}

/**
 * One target's plan, or why there is none: the unit every output of a stack with targets is made
 * of (the text and markdown sections, the JSON's `targets` entries, a saved plan's `targets` list).
 */
export type TargetPlan =
  | { readonly status: 'planned'; readonly target: Target; readonly plan: Plan }
  | { readonly status: 'failed'; readonly target: Target; readonly error: TargetFailure };

/** Counts per action, for summary lines. */
export function countActions(plan: Plan): Record<ChangeAction, number> {
  const counts: Record<ChangeAction, number> = { create: 0, update: 0, replace: 0, delete: 0, adopt: 0, noop: 0 };
  for (const c of plan.changes) counts[c.action] += 1;
  return counts;
}

/** True when applying the plan would call AWS at all. */
export function hasChanges(plan: Plan): boolean {
  return plan.changes.some((c) => c.action !== 'noop');
}
