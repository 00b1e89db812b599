import { excerpt, ruleAlarmNames, type DesiredResource, type Diagnostic } from '../../model';
import type { CompositeAlarmSpec } from '../specs';
import { suppressorName } from './suppressor';

type Edge = { readonly to: string; readonly via: 'rule' | 'suppressedBy' };

/**
 * Composite alarms that depend on themselves through their rules and suppressors: such a set has no
 * order to create it in (a suppressor must exist first, as must every alarm a rule names), and AWS
 * refuses a rule that circles back. One error per cycle, at the composite it starts from, naming the way round.
 */
export function compositeCycles(resources: readonly DesiredResource[]): Diagnostic[] {
  const composites = new Map<string, { readonly spec: CompositeAlarmSpec; readonly r: DesiredResource }>();
  for (const r of resources) if (r.spec.kind === 'compositeAlarm') composites.set(r.spec.name, { spec: r.spec, r });
  const edges = (spec: CompositeAlarmSpec): Edge[] => [
    ...ruleAlarmNames(spec.rule).map((to): Edge => ({ to, via: 'rule' })),
    // A composite suppressed by itself is refused where suppressedBy is written (build.ts).
    ...(spec.actionsSuppressor && suppressorName(spec.actionsSuppressor.alarm) !== spec.name
      ? [{ to: suppressorName(spec.actionsSuppressor.alarm), via: 'suppressedBy' } as const]
      : []),
  ];

  const out: Diagnostic[] = [];
  const done = new Set<string>();
  const reported = new Set<string>();
  const path: { readonly name: string; readonly via?: Edge['via'] }[] = [];
  const onPath = new Set<string>();
  const visit = (name: string, via?: Edge['via']) => {
    const c = composites.get(name);
    if (!c || done.has(name)) return;
    if (onPath.has(name)) {
      const from = path.findIndex((p) => p.name === name);
      const loop = [...path.slice(from), { name, via }];
      const members = [...new Set(loop.map((p) => p.name))].sort().join('\u0000');
      if (!reported.has(members)) {
        reported.add(members);
        const way = loop
          .slice(1)
          .map(
            (p, i) =>
              `${excerpt(loop[i]?.name)} ${p.via === 'rule' ? 'names' : 'is suppressed by'} ${excerpt(p.name)}${p.via === 'rule' ? ' in its rule' : ''}`,
          );
        out.push({
          severity: 'error',
          code: 'SCHEMA',
          message: `composite alarm ${excerpt(name)} depends on itself: ${way.join('; ')}. No order can create these (a suppressor and every alarm a rule names must exist first)`,
          location: c.r.source,
        });
      }
      return;
    }
    onPath.add(name);
    path.push({ name, via });
    for (const e of edges(c.spec)) visit(e.to, e.via);
    path.pop();
    onPath.delete(name);
    done.add(name);
  };
  for (const name of composites.keys()) visit(name);
  return out;
}
