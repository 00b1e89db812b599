import { silentAlarmWarnings } from '../shared/silent-alarms';
import { alarmsForm } from './build';
import { unfedAlarmWarnings } from './checks';
import { metricAlarmInfo } from './kind';
import { metricAlarmLive } from './live';
import { metricAlarmUnbuild } from './unbuild';
import { insightsAlarmQuota } from './metrics-insights/checks';
import { monitorsForm } from '../shared/monitor-build';
import type { KindModule } from '../module';

export const metricAlarmModule: KindModule = {
  folder: 'metric-alarm',
  kinds: {
    metricAlarm: { info: metricAlarmInfo, unbuild: metricAlarmUnbuild, live: metricAlarmLive },
  },
  // `monitors:` entries are a filter and its alarm: built after `alarms:`, as the shorthand of both.
  forms: [alarmsForm, monitorsForm],
  checks: [
    unfedAlarmWarnings,
    // Metrics Insights alarms: AWS's default of 200 per region.
    insightsAlarmQuota,
    silentAlarmWarnings,
  ],
  scopes: { alarms: 'alarmPrefix' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
