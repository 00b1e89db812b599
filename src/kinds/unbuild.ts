import type { ResourceKind, SpecOf } from '../model/resources';

/**
 * What import hands each kind's unbuild: how to write what a spec points at (topics by name when
 * they are imported too), where secrets go, and the stack the files are for.
 */
export interface UnbuildContext {
  /** The stack the written files declare: its ownership tag is left out, and filters' AWS names are read against it. */
  readonly stack: string;
  /** An alarm action as written: a topic's name when that topic is written too, else the ARN as is. */
  actionRef(arn: string): string;
  /** Whether an alarm by this name is written too (a composite rule may only name those). */
  alarmWritten(name: string): boolean;
  /**
   * A value that must not be written (a web hook's URL): the `${env:NAME}` reference that stands for
   * it, the variable named after `name` ("teachme-alerts https" → TEACHME_ALERTS_HTTPS_URL).
   */
  secret(value: string, name: string, what: string): string;
}

/** A YAML entry as a person would write it (plain data, keys in the order they are written). */
export type Entry = { readonly [key: string]: unknown };

/** One resource written back: its entry, or why it cannot be written. */
export type Unbuilt = { readonly entry: Entry } | { readonly unsupported: string };

/**
 * The reverse of a kind's YAML form (its build.ts): a normalized spec, as the live reader returns
 * it, becomes the entry a person would have written, in the shortest human forms with defaults left
 * out, such that building it gives the spec back.
 */
export interface KindUnbuild<K extends ResourceKind> {
  /** The section of a file its entries go in; `subscriptions` are written under their topic. */
  readonly section:
    | 'topics'
    | 'subscriptions'
    | 'logGroups'
    | 'metricFilters'
    | 'subscriptionFilters'
    | 'savedQueries'
    | 'anomalyDetectors'
    | 'alarms'
    | 'compositeAlarms'
    | 'dashboards';
  unbuild(spec: SpecOf<K>, ctx: UnbuildContext): Unbuilt;
}

/** The table from kind to its unbuild; kinds/unbuilds.ts fills it. */
export type UnbuildTable = { readonly [K in ResourceKind]: KindUnbuild<K> };

/** Tags as written: without the ownership tags the stack adds itself. */
export function ownTags(tags: Readonly<Record<string, string>>, drop: readonly string[]): Entry | undefined {
  const kept = Object.entries(tags).filter(([k]) => !drop.includes(k));
  return kept.length > 0 ? Object.fromEntries(kept) : undefined;
}

/** The entry with its undefined members left out (a default is written by not writing it). */
export function entry(fields: Readonly<Record<string, unknown>>): Entry {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
}
