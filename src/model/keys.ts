import type { ResourceKind, ResourceSpec } from './resources';
import { KINDS, kindInfo } from '../kinds/registry';
import { isSensitivePath, kindSensitivePaths, maskValue, type SensitivePaths } from './sensitive';

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

/**
 * The key of a resource spec in a region. `sensitive` are the spec's sensitive paths: when the name
 * or parent is among them (or the kind always hides it), the key carries a masked label for people.
 */
export function keyOf(spec: ResourceSpec, region: string, sensitive: SensitivePaths = []): ResourceKey {
  const info = kindInfo(spec.kind);
  const { name, parent, nameField, parentField } = info.identity(spec);
  const key: ResourceKey = { kind: spec.kind, region, name, ...(parent !== undefined ? { parent } : {}) };
  const paths = [...sensitive, ...kindSensitivePaths(spec)];
  const hideName = isSensitivePath(paths, nameField);
  const hideParent = parentField !== undefined && isSensitivePath(paths, parentField);
  if (!hideName && !hideParent) return key;
  const shownName = !hideName ? name : (info.maskedName?.(spec, maskValue) ?? maskValue(name));
  const shownParent = hideParent ? maskValue(parent) : parent;
  return { ...key, shown: { name: shownName, ...(shownParent !== undefined ? { parent: shownParent } : {}) } };
}

/** A stable string form of a key, for maps and for messages. */
export function keyId(key: ResourceKey): string {
  return [key.kind, key.region, key.parent ?? '', key.name].join('|');
}

/** Kinds as people say them. */
export const KIND_LABEL: Readonly<Record<ResourceKind, string>> = Object.fromEntries(
  Object.values(KINDS).map((k) => [k.kind, k.label]),
) as Record<ResourceKind, string>;

function labelOf(kind: ResourceKind, name: string, parent: string | undefined): string {
  return parent ? `${KIND_LABEL[kind]} ${parent} → ${name}` : `${KIND_LABEL[kind]} ${name}`;
}

/** The key as people read it; masked when the key holds a sensitive value. */
export function keyLabel(key: ResourceKey): string {
  return key.shown ? labelOf(key.kind, key.shown.name, key.shown.parent) : labelOf(key.kind, key.name, key.parent);
}

/** The key's name as people read it (a masked endpoint for a secret subscription). */
export function keyShownName(key: ResourceKey): string {
  return key.shown?.name ?? key.name;
}
