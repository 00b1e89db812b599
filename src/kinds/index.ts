import { compositeAlarmHandler } from './composite-alarm/handler';
import { forwarderFunctionHandler } from './forwarder-function/handler';
import { forwarderFunctionReader } from './forwarder-function/read';
import { forwarderPermissionHandler } from './forwarder-permission/handler';
import { forwarderPermissionReader } from './forwarder-permission/read';
import { forwarderQueueHandler } from './forwarder-queue/handler';
import { forwarderQueueReader } from './forwarder-queue/read';
import { forwarderRoleHandler } from './forwarder-role/handler';
import { forwarderRoleReader } from './forwarder-role/read';
import { dashboardHandler } from './dashboard/handler';
import { dashboardReader } from './dashboard/read';
import type { HandlerTable } from './handler';
import type { KindReader } from './reader';
import { alarmsReader } from './shared/alarms-read';
import { logGroupReader } from './log-group/read';
import { metricFilterReader } from './metric-filter/read';
import { subscriptionReader } from './subscription/read';
import { subscriptionFilterHandler } from './subscription-filter/handler';
import { subscriptionFilterReader } from './subscription-filter/read';
import { queryDefinitionHandler } from './query-definition/handler';
import { queryDefinitionReader } from './query-definition/read';
import { topicReader } from './topic/read';
import { logGroupHandler } from './log-group/handler';
import { metricAlarmHandler } from './metric-alarm/handler';
import { metricFilterHandler } from './metric-filter/handler';
import { subscriptionHandler } from './subscription/handler';
import { topicHandler } from './topic/handler';
import { anomalyDetectorHandler } from './anomaly-detector/handler';
import { anomalyDetectorReader } from './anomaly-detector/read';

/** The table from kind to handler (its AWS calls); kinds/registry.ts holds what each kind is without AWS. */
export const HANDLERS: HandlerTable = {
  topic: topicHandler,
  subscription: subscriptionHandler,
  logGroup: logGroupHandler,
  metricFilter: metricFilterHandler,
  subscriptionFilter: subscriptionFilterHandler,
  metricAlarm: metricAlarmHandler,
  compositeAlarm: compositeAlarmHandler,
  forwarderQueue: forwarderQueueHandler,
  forwarderRole: forwarderRoleHandler,
  forwarderFunction: forwarderFunctionHandler,
  forwarderPermission: forwarderPermissionHandler,
  dashboard: dashboardHandler,
  queryDefinition: queryDefinitionHandler,
  anomalyDetector: anomalyDetectorHandler,
};

/**
 * The live readers, each producing one or more kinds. A reader with a parent kind (subscriptions:
 * topics) comes after the reader of that kind; the results are kept in this order.
 */
export const READERS: readonly KindReader[] = [
  alarmsReader,
  logGroupReader,
  metricFilterReader,
  subscriptionFilterReader,
  topicReader,
  subscriptionReader,
  forwarderQueueReader,
  forwarderRoleReader,
  forwarderFunctionReader,
  forwarderPermissionReader,
  dashboardReader,
  queryDefinitionReader,
  anomalyDetectorReader,
];
