import { compositeAlarmHandler } from './composite-alarm/handler';
import type { HandlerTable } from './handler';
import { logGroupHandler } from './log-group/handler';
import { metricAlarmHandler } from './metric-alarm/handler';
import { metricFilterHandler } from './metric-filter/handler';
import { subscriptionHandler } from './subscription/handler';
import { topicHandler } from './topic/handler';

/** The table from kind to handler (its AWS calls); kinds/registry.ts holds what each kind is without AWS. */
export const HANDLERS: HandlerTable = {
  topic: topicHandler,
  subscription: subscriptionHandler,
  logGroup: logGroupHandler,
  metricFilter: metricFilterHandler,
  metricAlarm: metricAlarmHandler,
  compositeAlarm: compositeAlarmHandler,
};
