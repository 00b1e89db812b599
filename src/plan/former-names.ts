/**
 * stack.formerNames hands this stack whatever the former name owns: meant for a rename, it would let
 * one stack take over another that is still alive (re-tag what it declares, delete what it leaves
 * out). A former name is accepted only when it is dead: everything it still owns is taken over by
 * this plan (none of it would be deleted), and no run of it holds its apply lock.
 */
import { keyId, MonitorsError, type LiveState, type Plan } from '../model';
import { keyLabel, keyOf } from '../kinds/keys';

/** What one former name still holds beyond what this stack takes over. */
export interface FormerNameInUse {
  readonly former: string;
  /** The resources it owns that this plan would delete, as people read them. */
  readonly resources: readonly string[];
  /** Who holds its apply lock, if anyone. */
  readonly lockHolder?: string;
}

/** Most resources named in the message: enough to find the stack, short enough to read. */
const NAMED = 10;

/** The former names still in use, from the plan, the live state it was made from, and their locks. */
export function formerNamesInUse(
  formerNames: readonly string[],
  plan: Plan,
  live: LiveState,
  lockHolders: ReadonlyMap<string, string>,
): FormerNameInUse[] {
  const deletes = new Map(
    plan.changes.filter((c) => c.action === 'delete').map((c) => [keyId(c.key), keyLabel(c.key)] as const),
  );
  return formerNames.flatMap((former) => {
    const resources = live.resources
      .filter((r) => r.formerOwner === former)
      .flatMap((r) => deletes.get(keyId(keyOf(r.spec, plan.region, r.sensitive))) ?? []);
    const holder = lockHolders.get(former);
    return resources.length > 0 || holder !== undefined
      ? [{ former, resources: [...new Set(resources)].sort(), ...(holder !== undefined ? { lockHolder: holder } : {}) }]
      : [];
  });
}

/** Throws when a former name is still in use, naming what it still holds; nothing has been written. */
export function refuseLiveFormerNames(inUse: readonly FormerNameInUse[]): void {
  if (inUse.length === 0) return;
  const parts = inUse.map((u) => {
    const held: string[] = [];
    if (u.resources.length > 0) {
      const more = u.resources.length > NAMED ? `, and ${u.resources.length - NAMED} more` : '';
      held.push(
        `it still owns ${u.resources.length} resource(s) these files leave out, which this plan would delete: ${u.resources.slice(0, NAMED).join(', ')}${more}`,
      );
    }
    if (u.lockHolder !== undefined) held.push(`its apply lock is held (${u.lockHolder})`);
    return `"${u.former}": ${held.join('; and ')}`;
  });
  throw new MonitorsError(
    'GUARD_REFUSED',
    `stack.formerNames names a stack that is still in use, so taking over its resources is refused and nothing was changed. ${parts.join('. ')}. formerNames is only for a name this stack had before: declare every resource that name still owns here (or delete them from it first), wait for its apply to end, or remove the name from stack.formerNames.`,
  );
}
