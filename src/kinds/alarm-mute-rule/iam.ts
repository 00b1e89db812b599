import type { IamScope, KindIam } from '../iam';
import { muteRuleAwsName } from './names';

/** The stack's mute rules (and a former name's, which a rename takes over): `alarm-mute-rule:monitors.<stack>.*`. */
function ownRules(at: IamScope): string[] {
  return [at.stack, ...at.formerNames].map(
    (stack) => `arn:aws:cloudwatch:${at.region}:${at.account}:alarm-mute-rule:${muteRuleAwsName(stack, '')}*`,
  );
}

/**
 * ListAlarmMuteRules has no resource to scope to ("*"); Get, Put and Delete are scoped to the
 * stack's name prefix (names.ts). AWS also authorises PutAlarmMuteRule on each alarm a rule targets
 * ("on two types of resources"): that half is an owned write, allowed on alarms carrying the stack's
 * tag, so a rule cannot be pointed at another stack's alarms.
 */
export const alarmMuteRuleIam: KindIam = {
  wildcardReads: ['cloudwatch:ListAlarmMuteRules'],
  ownedWrites: ['cloudwatch:PutAlarmMuteRule'],
  ownReads: [{ sid: 'MonitorsMuteRulesRead', actions: ['cloudwatch:GetAlarmMuteRule'], arns: ownRules }],
  arnScoped: {
    sid: 'MonitorsMuteRules',
    actions: ['cloudwatch:PutAlarmMuteRule', 'cloudwatch:DeleteAlarmMuteRule'],
    arns: ownRules,
  },
};
