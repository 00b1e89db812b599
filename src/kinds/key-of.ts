import {
  decodeSensitiveTag,
  isSensitivePath,
  maskValue,
  SENSITIVE_TAG,
  unionPaths,
  type ResourceKey,
  type ResourceKind,
  type SensitivePaths,
  type SpecOf,
} from '../model';
import type { KindInfo } from './kind';

/*
 * A resource's key and sensitivity from its kind's info, handed in. Kept apart from kinds/keys.ts
 * (which looks the info up in the registry) so that a kind's own modules can use them without
 * importing the registry that lists them (an import cycle).
 */

/**
 * The paths a resource's own data marks sensitive, whatever the files say now: those its
 * SENSITIVE_TAG records, and what its kind says (a web hook's URL: see kinds/<kind>/kind.ts).
 * `liveOnly` is a resource no file declares any more (a delete).
 */
export function sensitivePathsWith<K extends ResourceKind>(
  info: KindInfo<K>,
  spec: SpecOf<K>,
  liveOnly = false,
): string[] {
  const own = info.sensitivePaths?.(spec, liveOnly) ?? [];
  if (!('tags' in spec)) return own;
  const tagged = decodeSensitiveTag(spec.tags[SENSITIVE_TAG]);
  return own.length === 0 ? tagged : unionPaths(tagged, own);
}

/**
 * The key of a resource spec in a region. `sensitive` are the spec's sensitive paths: when the name
 * or parent is among them (or the kind always hides it), the key carries a masked label for people.
 */
export function keyWith<K extends ResourceKind>(
  info: KindInfo<K>,
  spec: SpecOf<K>,
  region: string,
  sensitive: SensitivePaths = [],
): ResourceKey {
  const { name, parent, nameField, parentField } = info.identity(spec);
  const key: ResourceKey = { kind: spec.kind, region, name, ...(parent !== undefined ? { parent } : {}) };
  const paths = [...sensitive, ...sensitivePathsWith(info, spec)];
  const hideName = isSensitivePath(paths, nameField);
  const hideParent = parentField !== undefined && isSensitivePath(paths, parentField);
  if (!hideName && !hideParent) return key;
  const shownName = !hideName ? name : (info.maskedName?.(spec, maskValue) ?? maskValue(name));
  const shownParent = hideParent ? maskValue(parent) : parent;
  return { ...key, shown: { name: shownName, ...(shownParent !== undefined ? { parent: shownParent } : {}) } };
}

/** The key as people read it ("metric alarm api-5xx"), given its kind's label; masked when the key holds a sensitive value. */
export function labelWith(label: string, key: ResourceKey): string {
  const { name, parent } = key.shown ?? key;
  return parent ? `${label} ${parent} → ${name}` : `${label} ${name}`;
}
