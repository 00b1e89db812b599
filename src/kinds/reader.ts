import type { AwsClients } from '../aws/clients';
import type { LiveResource, ResourceKind, Tags } from '../model';
import type { DeclaredScope } from './kind';
import type { MetricFilterSpec } from './specs';

/** Whose a live resource is, as far as this stack is concerned. */
export interface Ownership {
  readonly owned: boolean;
  readonly ownerStack?: string;
  readonly formerOwner?: string;
}

/**
 * What aws/read-live.ts hands each kind's reader: the stack's scope and the three ownership
 * strategies' building blocks, so a reader says which one it uses and never re-implements it.
 */
export interface ReadContext {
  readonly clients: AwsClients;
  /** The account read, for ARNs a listing does not answer (Contributor Insights rules). */
  readonly accountId: string;
  /** Names the files declare in a scope: unowned resources with these names are read, for adopt and conflicts. */
  declared(scope: DeclaredScope): ReadonlySet<string>;
  /** Ownership by the owner a resource names (its tag, or the stack in its name). */
  ownership(owner: string | undefined): Ownership;
  /** Tag strategy: the tags of a resource that may be in scope (owned, or declared); undefined when it cannot be. */
  tagsIfInScope(arn: string, declaredName: boolean): Promise<Tags | undefined>;
  /** Tag strategy: whether tags read that way put the resource in scope. */
  inScope(tags: Tags | undefined, declaredName: boolean): tags is Tags;
  /** Runs per-resource reads with a bounded number in flight: reads must not burst past quotas. */
  each<T>(items: readonly T[], fn: (item: T) => Promise<void>): Promise<void>;
}

/** What one reader found. */
export interface ReadOutput {
  readonly resources: readonly LiveResource[];
  /** Metric filters of other owners next to this stack's (see LiveState.otherFilters). */
  readonly otherFilters?: readonly MetricFilterSpec[];
  /** Their owners where only the record tells (see LiveState.otherFilterOwners). */
  readonly otherFilterOwners?: Readonly<Record<string, string>>;
}

/** The second step of a read: keeps what is in scope. `parents` are the live resources of the reader's parent kind. */
export type Select = (ctx: ReadContext, parents: readonly LiveResource[]) => Promise<ReadOutput>;

/**
 * The live reader of one or more kinds (metric and composite alarms share one listing). Reading is
 * two steps so every listing runs at once: `list` pages through the region with the SDK's
 * paginators and returns the step that keeps what is in the stack's scope and reads what it needs
 * per resource.
 */
export interface KindReader {
  /** The kinds it produces: it runs when any of them is wanted. */
  readonly kinds: readonly ResourceKind[];
  /** The kind whose resources own these (parent strategy: subscriptions through their topic). */
  readonly parent?: ResourceKind;
  /** Resource types for the tagging API's GetResources, for the tag strategy's one batched read. */
  readonly taggingTypes?: readonly string[];
  list(clients: AwsClients): Promise<Select>;
}
