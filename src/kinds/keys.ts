import {
  decodeSensitiveTag,
  isSensitivePath,
  maskValue,
  SENSITIVE_TAG,
  unionPaths,
  type ResourceKey,
  type ResourceKind,
  type ResourceSpec,
  type SensitivePaths,
} from '../model';
import { KINDS, kindInfo } from './registry';

/*
 * What of a resource's key and sensitivity needs its kind's info (kinds/<kind>/kind.ts). Moved here
 * from model/keys.ts and model/sensitive.ts so that model/ needs no kind (docs/architecture.md).
 */

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

/**
 * The paths a resource's own data marks sensitive, whatever the files say now: those its
 * SENSITIVE_TAG records, and what its kind says (a web hook's URL: see kinds/<kind>/kind.ts).
 * `liveOnly` is a resource no file declares any more (a delete).
 */
export function kindSensitivePaths(spec: ResourceSpec, liveOnly = false): string[] {
  const own = kindInfo(spec.kind).sensitivePaths?.(spec, liveOnly) ?? [];
  if (!('tags' in spec)) return own;
  const tagged = decodeSensitiveTag(spec.tags[SENSITIVE_TAG]);
  return own.length === 0 ? tagged : unionPaths(tagged, own);
}
