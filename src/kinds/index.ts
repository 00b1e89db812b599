import type { ResourceKind } from '../model';
import { compositeAlarmHandler } from './composite-alarm';
import type { HandlerTable, KindHandler } from './handler';
import { logGroupHandler } from './log-group';
import { metricAlarmHandler } from './metric-alarm';
import { metricFilterHandler } from './metric-filter';
import { subscriptionHandler } from './subscription';
import { topicHandler } from './topic';

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
