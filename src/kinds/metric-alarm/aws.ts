import { alarmsReader } from '../shared/alarms-read';
import { metricAlarmHandler } from './handler';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { metricAlarm: metricAlarmHandler },
  readers: [alarmsReader],
};
