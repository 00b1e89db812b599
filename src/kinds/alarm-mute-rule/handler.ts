import { DeleteAlarmMuteRuleCommand, PutAlarmMuteRuleCommand } from '@aws-sdk/client-cloudwatch';
import { MonitorsError } from '../../model/errors';
import { fieldDiffs } from '../shared/field-diff';
import type { ApplyContext, KindHandler } from '../handler';
import { isoDuration, parseScheduleText } from './schedule';
import type { AlarmMuteRuleSpec } from './spec';

const REPLACE = new Set(['name']);

/** PutAlarmMuteRule creates or replaces the whole rule: every field is sent each time. */
async function put(ctx: ApplyContext, spec: AlarmMuteRuleSpec): Promise<void> {
  const s = parseScheduleText(spec.schedule);
  if (!s) throw new MonitorsError('INTERNAL', `mute rule ${spec.name} has a schedule this tool did not write`);
  await ctx.clients.cloudwatch.send(
    new PutAlarmMuteRuleCommand({
      Name: spec.name,
      ...(spec.description !== undefined ? { Description: spec.description } : {}),
      Rule: {
        Schedule: {
          Expression: s.expression,
          Duration: isoDuration(s.seconds),
          ...(s.timezone !== undefined ? { Timezone: s.timezone } : {}),
        },
      },
      MuteTargets: { AlarmNames: [...spec.alarmNames] },
      ...(s.start !== undefined ? { StartDate: new Date(s.start) } : {}),
      ...(s.expire !== undefined ? { ExpireDate: new Date(s.expire) } : {}),
    }),
  );
}

/** Alarm mute rules: one Put creates or updates (by name); Delete is idempotent. */
export const alarmMuteRuleHandler: KindHandler<'alarmMuteRule'> = {
  kind: 'alarmMuteRule',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  // "The alarm names must match existing alarms": made after the alarms they target (either kind).
  dependsOn: (spec, region) =>
    spec.alarmNames.flatMap((name) => [
      { kind: 'metricAlarm' as const, region, name },
      { kind: 'compositeAlarm' as const, region, name },
    ]),
  create: (ctx, spec) => put(ctx, spec),
  async update(ctx, _before, after, diffs) {
    if (diffs.length > 0) await put(ctx, after);
  },
  async remove(ctx, spec) {
    await ctx.clients.cloudwatch.send(new DeleteAlarmMuteRuleCommand({ AlarmMuteRuleName: spec.name }));
  },
};
