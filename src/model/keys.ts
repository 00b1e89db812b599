import type { ResourceKind } from './resources';

/** One resource, one key, everywhere: the identity used to match desired against live. */
export interface ResourceKey {
  readonly kind: ResourceKind;
  readonly region: string;
  /** Alarm, log group, topic name; filter name for a metric filter; "protocol:endpoint" for a subscription. */
  readonly name: string;
  /** Log group of a metric filter; topic name of a subscription. */
  readonly parent?: string;
  /**
   * How people see the key when its name or parent holds a sensitive value (a webhook URL as a
   * subscription's endpoint): already masked. Never part of the identity (see keyId).
   */
  readonly shown?: { readonly name: string; readonly parent?: string };
}

/** A stable string form of a key, for maps and for messages. */
export function keyId(key: ResourceKey): string {
  return [key.kind, key.region, key.parent ?? '', key.name].join('|');
}

/** The key's name as people read it (a masked endpoint for a secret subscription). */
export function keyShownName(key: ResourceKey): string {
  return key.shown?.name ?? key.name;
}
