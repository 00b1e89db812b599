/**
 * The core the entry points call: load → read → plan, and apply. Entry points (cli.ts, action.ts)
 * parse their inputs into RunOptions, call these, and map results and typed errors to output.
 */
import type { DesiredStack, LiveState, Plan } from './model';

/** Everything a run needs to know, parsed once by an entry point. */
export interface RunOptions {
  /** The monitors directory. */
  readonly directory: string;
  /** Overrides the stack's region. */
  readonly region?: string;
  readonly profile?: string;
  /** A custom AWS endpoint (the local emulator). */
  readonly endpointUrl?: string;
  /** How ownership tags are read: one paged tagging-API listing, or one call per resource. */
  readonly tagSource?: 'tagging-api' | 'per-resource';
  /** Take over declared resources that exist without an ownership tag. */
  readonly adopt: boolean;
  /** Lift the mass-delete guards. */
  readonly allowMassDelete: boolean;
  /** Share of owned resources a plan may delete before the mass-delete guard refuses it. */
  readonly maxDeleteShare: number;
  /** Where `${env:NAME}` values come from. */
  readonly env: NodeJS.ProcessEnv;
  /** Explicit credentials (tests); otherwise the SDK's default chain. */
  readonly credentials?: { readonly accessKeyId: string; readonly secretAccessKey: string };
}

/** A computed plan with what it was computed from. */
export interface PlanRun {
  readonly desired: DesiredStack;
  readonly live: LiveState;
  readonly plan: Plan;
  /** AWS calls made, by "Service.Operation". */
  readonly calls: Readonly<Record<string, number>>;
}
