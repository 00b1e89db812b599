/**
 * What was reviewed is what is applied: before apply writes anything, it re-reads every resource the
 * plan touches (one batched read per kind, like a plan's) and compares each with the fingerprint of
 * the live resource the change was computed from. A change whose resource moved since (edited,
 * re-tagged by another stack, deleted, or deleted and made again) is not applied.
 */
import { keyId, type Change, type LiveResource, type LiveState, type ResourceKind } from '../model';
import { fingerprintResource } from '../plan/fingerprint';
import { keyOf } from '../kinds/keys';

/** Reads live state for the given kinds (readLiveState with the plan's scope). */
export type LiveReader = (kinds: ReadonlySet<ResourceKind>) => Promise<LiveState>;

/** Why each change whose resource changed since the plan must not run; empty when none did. */
export type StaleChanges = ReadonlyMap<Change, string>;

/** The live resource a change was computed from: the one `before` names (a renamed filter's old name). */
function subjectKey(change: Change, region: string): string {
  return keyId(keyOf('before' in change ? change.before : change.after, region));
}

function whatChanged(change: Change, now: LiveResource | undefined): string | undefined {
  if (change.action === 'noop') return undefined;
  if (change.action === 'create') {
    if (!now) return undefined;
    const owner = now.ownerStack ? ` by stack "${now.ownerStack}"` : now.owned ? '' : ' (unowned)';
    return `it was created${owner} since the plan; not overwritten`;
  }
  const verb = change.action === 'delete' ? 'deleted' : 'overwritten';
  if (!now) return `it no longer exists (deleted since the plan); not re-created`;
  if (fingerprintResource(now) === change.seen) return undefined;
  if (now.ownerStack) return `it is now owned by stack "${now.ownerStack}" (changed since the plan); not ${verb}`;
  return `it changed since the plan; not ${verb}`;
}

/** Re-reads the kinds the plan's changes touch and returns the changes that would act on stale state. */
export async function findStaleChanges(
  changes: readonly Change[],
  region: string,
  read: LiveReader,
): Promise<StaleChanges> {
  const active = changes.filter((c) => c.action !== 'noop');
  const kinds = new Set(active.map((c) => c.key.kind));
  const out = new Map<Change, string>();
  if (kinds.size === 0) return out;
  const live = await read(kinds);
  const byKey = new Map(live.resources.map((r) => [keyId(keyOf(r.spec, region)), r]));
  for (const change of active) {
    const reason = whatChanged(change, byKey.get(subjectKey(change, region)));
    if (reason) out.set(change, reason);
  }
  return out;
}
