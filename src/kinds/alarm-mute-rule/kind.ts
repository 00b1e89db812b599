import type { KindInfo } from '../kind';
import { alarmMuteRuleIam } from './iam';
import { muteRuleAwsName, muteRuleYamlName } from './names';
import { nextWindowsText, parseScheduleText } from './schedule';

/** The schedule's line and the next three windows, in the rule's time zone, from the moment the plan is read. */
function scheduleLines(value: string): readonly string[] {
  const s = parseScheduleText(value);
  return s ? [value, nextWindowsText(s, Date.now())] : [value];
}

/**
 * Alarm mute rules: keyed by their AWS name, which carries the owning stack (names.ts). Nothing is
 * lost by deleting one but the mute (a rename is a delete and a create).
 */
export const alarmMuteRuleInfo: KindInfo<'alarmMuteRule'> = {
  kind: 'alarmMuteRule',
  label: 'alarm mute rule',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  renameField: 'name',
  renamedForStack(spec, formerStack, stack) {
    const own = muteRuleYamlName(formerStack, spec.name);
    return own === undefined ? spec : { ...spec, name: muteRuleAwsName(stack, own) };
  },
  lineFields: { schedule: scheduleLines },
  linesOnCreate: true,
  iam: alarmMuteRuleIam,
  // Not in the Service Quotas list: the rate of CloudWatch's other control-plane calls.
  quotas: {
    'CloudWatch.PutAlarmMuteRule': 3,
    'CloudWatch.DeleteAlarmMuteRule': 3,
    'CloudWatch.GetAlarmMuteRule': 9,
    'CloudWatch.ListAlarmMuteRules': 9,
  },
};
