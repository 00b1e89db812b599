import { anyHandler, type HandlerTable } from '../kinds/handler';
import { RESOURCE_KINDS } from '../kinds/registry';
import { keyId, type Change } from '../model';

const KIND_RANK = new Map(RESOURCE_KINDS.map((k, i) => [k, i]));

function rank(c: Change): [number, string] {
  return [KIND_RANK.get(c.key.kind) ?? 99, `${c.key.parent ?? ''}/${c.key.name}`];
}

function compare(a: Change, b: Change): number {
  const [ka, na] = rank(a);
  const [kb, nb] = rank(b);
  return ka - kb || na.localeCompare(nb);
}

/**
 * Dependency order: everything that creates or keeps a resource runs parents first (topics before
 * subscriptions and alarms, log groups before filters, alarms before the composites over them);
 * deletes come last, children first. Ties break by kind, then name, so plans are stable.
 */
export function orderChanges(changes: readonly Change[], handlers: HandlerTable, region: string): Change[] {
  const deletes = changes.filter((c) => c.action === 'delete');
  const others = changes.filter((c) => c.action !== 'delete');
  const forward = topological(others, handlers, region);
  const backward = topological(deletes, handlers, region).reverse();
  return [...forward, ...backward];
}

function topological(changes: readonly Change[], handlers: HandlerTable, region: string): Change[] {
  const byKey = new Map(changes.map((c) => [keyId(c.key), c]));
  const sorted = [...changes].sort(compare);
  const done = new Set<Change>();
  const visiting = new Set<Change>();
  const out: Change[] = [];
  const visit = (c: Change) => {
    if (done.has(c) || visiting.has(c)) return; // a cycle is reported by validation; never loop here
    visiting.add(c);
    const spec = 'after' in c ? c.after : c.before;
    const handler = anyHandler(handlers, c.key.kind);
    const parents = handler
      .dependsOn(spec, region)
      .map((k) => byKey.get(keyId(k)))
      .filter((p): p is Change => p !== undefined)
      .sort(compare);
    for (const p of parents) visit(p);
    visiting.delete(c);
    done.add(c);
    out.push(c);
  };
  for (const c of sorted) visit(c);
  return out;
}
