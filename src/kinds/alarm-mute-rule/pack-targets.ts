import type { DesiredResource, PlanNotice } from '../../model';
import { MAX_MUTE_TARGETS } from './names';

/**
 * Mute rules that name alarm packs (`packs: [lambda]`) mute every alarm those packs made in this plan:
 * once discovery has expanded the packs, their names join the rule's alarmNames and the `packs` field
 * (which AWS does not hold) goes, so the rule diffs against AWS like any other. A pack that made no
 * alarm, or a rule that would pass AWS's 100 alarms, is said in a notice.
 */
export function resolvePackTargets(
  resources: readonly DesiredResource[],
  alarmsByPack: ReadonlyMap<string, readonly string[]>,
): { readonly resources: DesiredResource[]; readonly notices: PlanNotice[] } {
  const notices: PlanNotice[] = [];
  const out = resources.map((r) => {
    if (r.spec.kind !== 'alarmMuteRule' || r.spec.packs === undefined) return r;
    const { packs, ...spec } = r.spec;
    const where = ` at ${r.source.file}:${r.source.line}`;
    const names = new Set(spec.alarmNames);
    for (const service of packs) {
      const made = alarmsByPack.get(service) ?? [];
      if (made.length === 0)
        notices.push({
          severity: 'warning',
          message: `mute rule ${spec.name}${where} names pack ${service}, which made no alarm in this plan: it mutes none of it`,
        });
      for (const name of made) names.add(name);
    }
    if (names.size > MAX_MUTE_TARGETS)
      notices.push({
        severity: 'warning',
        message: `mute rule ${spec.name}${where} would target ${names.size} alarms with its packs' alarms; AWS takes at most ${MAX_MUTE_TARGETS} a rule: split it`,
      });
    return { ...r, spec: { ...spec, alarmNames: [...names].sort() } };
  });
  return { resources: out, notices };
}
