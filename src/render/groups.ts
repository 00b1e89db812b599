import type { Change } from '../model';

/** Changes shown together: those compiled from one origin (an SLO), or one change on its own. */
export interface ChangeGroup {
  readonly origin?: string;
  readonly changes: readonly Change[];
}

/**
 * The changes in display order: each origin's changes together, where its first one falls. Display
 * only; apply keeps the plan's dependency order.
 */
export function groupByOrigin(changes: readonly Change[]): ChangeGroup[] {
  const out: { origin?: string; changes: Change[] }[] = [];
  const byOrigin = new Map<string, Change[]>();
  for (const c of changes) {
    if (c.origin === undefined) {
      out.push({ changes: [c] });
      continue;
    }
    const list = byOrigin.get(c.origin);
    if (list) list.push(c);
    else {
      const fresh = [c];
      byOrigin.set(c.origin, fresh);
      out.push({ origin: c.origin, changes: fresh });
    }
  }
  return out;
}

/** "6 to create, 2 to update": what a group's changes do, for its heading. */
export function groupSummary(changes: readonly Change[]): string {
  const counts = new Map<string, number>();
  for (const c of changes) counts.set(c.action, (counts.get(c.action) ?? 0) + 1);
  const verb: Readonly<Record<Change['action'], string>> = {
    create: 'to create',
    update: 'to update',
    replace: 'to replace',
    delete: 'to delete',
    adopt: 'to adopt',
    noop: 'unchanged',
  };
  return [...counts].map(([action, n]) => `${n} ${verb[action as Change['action']]}`).join(', ');
}
