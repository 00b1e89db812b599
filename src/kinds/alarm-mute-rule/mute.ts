import type { ResourceSpec } from '../../model';
import { muteRuleYamlName } from './names';
import { mutedAt, parseScheduleText, type Schedule } from './schedule';

/**
 * What the stack's mute rules do to one alarm at one instant, for the simulator: the name of a rule
 * with a window open then (as the files name it), or undefined. AWS keeps evaluating a muted alarm and
 * changing its state; only its actions are not run.
 */
export type MuteLookup = (alarm: string, at: number) => string | undefined;

/** The lookup for every mute rule among `specs`. */
export function muteLookup(specs: readonly ResourceSpec[], stack: string): MuteLookup {
  const byAlarm = new Map<string, { readonly name: string; readonly schedule: Schedule }[]>();
  for (const spec of specs) {
    if (spec.kind !== 'alarmMuteRule') continue;
    const schedule = parseScheduleText(spec.schedule);
    if (!schedule) continue;
    const name = muteRuleYamlName(stack, spec.name) ?? spec.name;
    for (const alarm of spec.alarmNames) byAlarm.set(alarm, [...(byAlarm.get(alarm) ?? []), { name, schedule }]);
  }
  return (alarm, at) => byAlarm.get(alarm)?.find((r) => mutedAt(r.schedule, at))?.name;
}
