import type { ResourceKey, ResourceKind, ResourceSpec, SensitivePaths } from '../model';
import { keyWith, labelWith, sensitivePathsWith } from './key-of';
import { KINDS, kindInfo } from './registry';

/*
 * What of a resource's key and sensitivity needs its kind's info (kinds/<kind>/kind.ts), looked up
 * in the registry. Moved here from model/keys.ts and model/sensitive.ts so that model/ needs no kind
 * (docs/architecture.md); a kind's own modules use kinds/key-of.ts with their info instead.
 */

/**
 * The key of a resource spec in a region. `sensitive` are the spec's sensitive paths: when the name
 * or parent is among them (or the kind always hides it), the key carries a masked label for people.
 */
export function keyOf(spec: ResourceSpec, region: string, sensitive: SensitivePaths = []): ResourceKey {
  return keyWith(kindInfo(spec.kind), spec, region, sensitive);
}

/** Kinds as people say them. */
export const KIND_LABEL: Readonly<Record<ResourceKind, string>> = Object.fromEntries(
  Object.values(KINDS).map((k) => [k.kind, k.label]),
) as Record<ResourceKind, string>;

/** The key as people read it; masked when the key holds a sensitive value. */
export function keyLabel(key: ResourceKey): string {
  return labelWith(KIND_LABEL[key.kind], key);
}

/**
 * The paths a resource's own data marks sensitive, whatever the files say now: those its
 * SENSITIVE_TAG records, and what its kind says (a web hook's URL: see kinds/<kind>/kind.ts).
 * `liveOnly` is a resource no file declares any more (a delete).
 */
export function kindSensitivePaths(spec: ResourceSpec, liveOnly = false): string[] {
  return sensitivePathsWith(kindInfo(spec.kind), spec, liveOnly);
}
