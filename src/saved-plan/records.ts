/**
 * What a saved plan records of one plan run, computed the same way when the plan is saved and when
 * it is applied, so that the two can be compared record by record: the live resources read and the
 * changes planned, each as people may read it (masked) with a keyed digest of the real thing.
 */
import * as path from 'path';
import {
  keyId,
  keyShownName,
  redactValue,
  unionPaths,
  type Change,
  type DesiredStack,
  type LiveResource,
  type Plan,
} from '../model';
import { fingerprintResource } from '../plan/fingerprint';
import { redactChange, sensitivePathsOf } from '../render/redact';
import { keyedDigest } from './digest';
import type { SavedChange, SavedLive } from './format';
import { keyOf, kindSensitivePaths } from '../kinds/keys';

/** Each file the loader read, by its path under the stack directory ("/"-separated), with its sha256. */
export function fileRecords(stack: DesiredStack, directory: string): { path: string; sha256: string }[] {
  return stack.files
    .map((shown) => ({
      path: path.relative(directory, shown).split(path.sep).join('/'),
      sha256: stack.fileDigests?.[shown] ?? '',
    }))
    .sort((a, b) => a.path.localeCompare(b.path));
}

/** The sensitive paths the plan knows per resource: the files' marks and its changes' (both sides). */
function marksByKey(plan: Plan, desired: DesiredStack): Map<string, string[]> {
  const marks = new Map<string, string[]>();
  const add = (id: string, paths: readonly string[]) => marks.set(id, unionPaths(marks.get(id), paths));
  for (const r of desired.resources) add(keyId(keyOf(r.spec, plan.region)), r.sensitive ?? []);
  for (const c of plan.changes) {
    add(keyId(c.key), sensitivePathsOf(c));
    // A renamed resource's old identity is the live one: its marks follow it.
    if ('before' in c) add(keyId(keyOf(c.before, plan.region)), sensitivePathsOf(c));
  }
  return marks;
}

function maskedSpec(spec: LiveResource['spec'], paths: readonly string[]): Record<string, unknown> {
  const { kind: _, ...rest } = spec;
  return redactValue(rest, paths) as Record<string, unknown>;
}

/** One record per live resource read, in a stable order. */
export function liveRecords(
  live: readonly LiveResource[],
  plan: Plan,
  desired: DesiredStack,
  key: Buffer,
): SavedLive[] {
  const marks = marksByKey(plan, desired);
  return live
    .map((r): SavedLive => {
      const id = keyId(keyOf(r.spec, plan.region));
      const paths = unionPaths(kindSensitivePaths(r.spec, true), r.sensitive, marks.get(id));
      const shown = keyOf(r.spec, plan.region, paths);
      return {
        id: keyedDigest(key, id),
        kind: r.spec.kind,
        name: keyShownName(shown),
        ...(shown.parent !== undefined ? { parent: shown.shown ? shown.shown.parent : shown.parent } : {}),
        spec: maskedSpec(r.spec, paths),
        sensitivePaths: paths,
        ...(r.arn !== undefined ? { arn: r.arn } : {}),
        owned: r.owned,
        ...(r.ownerStack !== undefined ? { ownerStack: r.ownerStack } : {}),
        ...(r.pendingConfirmation === true ? { pendingConfirmation: true } : {}),
        digest: keyedDigest(key, fingerprintResource(r)),
      };
    })
    .sort((a, b) => a.id.localeCompare(b.id));
}

/** One record per planned change, in the plan's (dependency) order: what apply runs, masked. */
export function changeRecords(plan: Plan, key: Buffer): SavedChange[] {
  return plan.changes.map((change: Change): SavedChange => {
    const c = redactChange(change);
    const parent = c.key.shown ? c.key.shown.parent : c.key.parent;
    return {
      action: c.action,
      id: keyedDigest(key, keyId(change.key)),
      kind: c.key.kind,
      name: keyShownName(c.key),
      ...(parent !== undefined ? { parent } : {}),
      ...(c.source ? { source: `${c.source.file}:${c.source.line}:${c.source.column}` } : {}),
      // A no-op's resource is in the live records already.
      ...('before' in c && c.action !== 'noop' ? { before: c.before } : {}),
      ...('after' in c ? { after: c.after } : {}),
      ...('diffs' in c ? { diffs: c.diffs.map(({ sensitive: _, ...d }) => d) } : {}),
      ...('reason' in c ? { reason: c.reason } : {}),
      sensitivePaths: c.sensitive ?? [],
      digest: keyedDigest(key, change),
    };
  });
}
