import { alarmMuteRuleHandler } from './handler';
import { alarmMuteRuleReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { alarmMuteRule: alarmMuteRuleHandler },
  readers: [alarmMuteRuleReader],
};
