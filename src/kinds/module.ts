/**
 * What one folder of src/kinds/ gives the pipeline: the kinds it defines (each with everything the
 * pipeline needs of it), the YAML sections it reads, its checks and plan steps, and, behind `aws()`,
 * the half that calls AWS. kinds/registry.ts lists every module on one line each; the tables the
 * stages use (kinds, forms, checks, handlers, readers…) are gathered from that list, so adding a kind
 * is its folder plus that line. Its YAML's JSON Schema is the folder's schema.json, assembled into
 * schema/monitors.schema.json by `npm run build:schema`.
 */
import type { DesiredResource, Diagnostic, ResourceKind, SpecOf } from '../model';
import type { ApplyStep } from './applied-change';
import type { StackForm, YamlForm } from './build';
import type { KindHandler } from './handler';
import type { DeclaredScope, KindInfo } from './kind';
import type { KindLive } from './live-types';
import type { PlanStep } from './plan-step';
import type { KindReader } from './reader';
import type { KindUnbuild } from './unbuild';

/** Everything about one kind that needs no AWS (validate, test and render load only these). */
export interface KindParts<K extends ResourceKind> {
  readonly info: KindInfo<K>;
  /** The reverse of its YAML form, for `monitors import`. */
  readonly unbuild: KindUnbuild<K>;
  /** What it reads, emits and bills for the live checks and the cost estimate; absent: nothing. */
  readonly live?: KindLive<SpecOf<K>>;
}

/** A check across every file before anything is sent (config/checks.ts runs them all). */
export type CrossFileCheck = (resources: readonly DesiredResource[]) => Diagnostic[];

/**
 * How `monitors import` picks the names of a scope a kind declares (KindInfo.declares) from its flags:
 * by --log-group-prefix, by --alarm-prefix, by --topic (topicName), by the log group in a metric filter's id,
 * always (named in the policy only, or decided by another scope), only with --all (nothing to match a
 * prefix against), or never (the tool's own making).
 * Without --all, a scope no module says how to select is never selected.
 */
export type ScopeSelection =
  'logGroupPrefix' | 'alarmPrefix' | 'topicName' | 'filterLogGroup' | 'always' | 'onlyAll' | 'never';

/** The half of a module that calls AWS: loaded only by the commands that do (`aws()`). */
export interface KindAws {
  readonly handlers: { readonly [K in ResourceKind]?: KindHandler<K> };
  readonly readers: readonly KindReader[];
  /** What it records after an apply beyond its resources, under the lock. */
  readonly applySteps?: readonly ApplyStep[];
}

export interface KindModule {
  /** Its folder under src/kinds/ (where its schema.json is). */
  readonly folder: string;
  /** The kinds it defines, in dependency order (a kind may only depend on kinds before it). */
  readonly kinds?: { readonly [K in ResourceKind]?: KindParts<K> };
  /** The top-level sections of a monitors file it reads, in the order they are built. */
  readonly forms?: readonly YamlForm[];
  /** Keys of the `stack:` block it builds from the whole stack. */
  readonly stackForms?: readonly StackForm[];
  readonly checks?: readonly CrossFileCheck[];
  readonly planSteps?: readonly PlanStep[];
  /** How import selects the names of the scopes its kinds declare. */
  readonly scopes?: { readonly [S in DeclaredScope]?: ScopeSelection };
  /** What the files built, as one stack (the chat forwarder each file derived becomes the stack's one). */
  mergeStack?(resources: readonly DesiredResource[]): DesiredResource[];
  /**
   * The AWS half. A function, so that a module's handler and reader (and the SDK they import) load
   * only when a command asks for them: validate and test never do, and start in a tenth of the time.
   */
  aws?(): KindAws;
}
