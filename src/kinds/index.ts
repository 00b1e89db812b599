import type { ResourceKind } from '../model';
import { compositeAlarmHandler } from './composite-alarm/handler';
import type { HandlerTable, KindHandler } from './handler';
import { logGroupHandler } from './log-group/handler';
import { metricAlarmHandler } from './metric-alarm/handler';
import { metricFilterHandler } from './metric-filter/handler';
import { subscriptionHandler } from './subscription/handler';
import { topicHandler } from './topic/handler';

/** The table from kind to handler: adding a kind touches its own file, this table, and the schema. */
export const HANDLERS: HandlerTable = {
  topic: topicHandler,
  subscription: subscriptionHandler,
  logGroup: logGroupHandler,
  metricFilter: metricFilterHandler,
  metricAlarm: metricAlarmHandler,
  compositeAlarm: compositeAlarmHandler,
};

/** The handler of one kind. */
export function handlerFor<K extends ResourceKind>(kind: K): KindHandler<K> {
  return HANDLERS[kind] as KindHandler<K>;
}
