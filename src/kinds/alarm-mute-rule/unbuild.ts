import { entry, type KindUnbuild } from '../unbuild';
import { muteRuleYamlName } from './names';
import { parseExpression, parseScheduleText, shortDuration } from './schedule';

const iso = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/**
 * A mute rule as `muteRules:` writes it: its name without the stack's prefix, `cron` (the inside of
 * `cron(…)`) or `at`, the duration in the short form, dates in UTC with a Z (exact whatever the zone).
 */
export const alarmMuteRuleUnbuild: KindUnbuild<'alarmMuteRule'> = {
  section: 'muteRules',
  about: 'Alarm mute rules: when alarms stay quiet.',
  unbuild(spec, ctx) {
    const name = muteRuleYamlName(ctx.stack, spec.name);
    if (name === undefined || !/^[A-Za-z0-9_-]{1,200}$/.test(name))
      return { unsupported: `its name is not monitors.${ctx.stack}.<name> with a name the files can hold` };
    const s = parseScheduleText(spec.schedule);
    if (!s || 'message' in parseExpression(s.expression))
      return { unsupported: `its schedule (${spec.schedule}) is not one this tool can check` };
    if (s.seconds % 60 !== 0) return { unsupported: 'its duration is not whole minutes' };
    const missing = spec.alarmNames.filter((a) => !ctx.alarmWritten(a));
    if (missing.length > 0)
      return { unsupported: `it targets alarms that are not written too (${missing.slice(0, 3).join(', ')})` };
    const inside = s.expression.slice(s.expression.indexOf('(') + 1, -1);
    return {
      entry: entry({
        name,
        description: spec.description,
        ...(s.expression.startsWith('cron(') ? { cron: inside } : { at: inside }),
        duration: shortDuration(s.seconds),
        timezone: s.timezone,
        start: s.start !== undefined ? iso(s.start) : undefined,
        expire: s.expire !== undefined ? iso(s.expire) : undefined,
        alarms: [...spec.alarmNames],
      }),
    };
  },
};
