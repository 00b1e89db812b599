import { muteRulesForm } from './build';
import { alarmMuteRuleInfo } from './kind';
import { alarmMuteRuleUnbuild } from './unbuild';
import type { KindModule } from '../module';

/** Alarm mute rules (`muteRules:`): after the alarms they target. Not billed, so no live share. */
export const alarmMuteRuleModule: KindModule = {
  folder: 'alarm-mute-rule',
  kinds: { alarmMuteRule: { info: alarmMuteRuleInfo, unbuild: alarmMuteRuleUnbuild } },
  forms: [muteRulesForm],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
