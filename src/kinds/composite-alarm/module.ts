import { compositeAlarmsForm } from './build';
import { compositeAlarmInfo } from './kind';
import { compositeAlarmLive } from './live';
import { compositeAlarmUnbuild } from './unbuild';
import { compositeCycles } from './checks';
import type { KindModule } from '../module';

export const compositeAlarmModule: KindModule = {
  folder: 'composite-alarm',
  kinds: {
    compositeAlarm: { info: compositeAlarmInfo, unbuild: compositeAlarmUnbuild, live: compositeAlarmLive },
  },
  forms: [compositeAlarmsForm],
  // No cycle through their rules and suppressors.
  checks: [compositeCycles],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
