import { compositeAlarmHandler } from './composite-alarm/handler';
import { dashboardHandler } from './dashboard/handler';
import { dashboardReader } from './dashboard/read';
import type { HandlerTable } from './handler';
import type { KindReader } from './reader';
import { alarmsReader } from './shared/alarms-read';
import { logGroupReader } from './log-group/read';
import { metricFilterReader } from './metric-filter/read';
import { subscriptionReader } from './subscription/read';
import { topicReader } from './topic/read';
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
  dashboard: dashboardHandler,
};

/**
 * The live readers, each producing one or more kinds. A reader with a parent kind (subscriptions:
 * topics) comes after the reader of that kind; the results are kept in this order.
 */
export const READERS: readonly KindReader[] = [
  alarmsReader,
  logGroupReader,
  metricFilterReader,
  topicReader,
  subscriptionReader,
  dashboardReader,
];
