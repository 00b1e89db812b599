import type { FieldTable } from '../../shared/sensitive-fields';
import { ACTION_FIELDS } from './alarm-fields';

/** A `monitors:` entry's keys, for the metric filter it expands into. */
export const MONITOR_FILTER_FIELDS: FieldTable = {
  name: ['filterName'],
  awsName: ['filterName'],
  logGroup: ['logGroupName'],
  pattern: ['filterPattern'],
  metric: ['transformation.metricNamespace', 'transformation.metricName'],
  // The alarm half's fields: not this resource's.
  description: [],
  alarm: [],
  notify: [],
  onAlarm: [],
  onOk: [],
  onInsufficientData: [],
  actionsEnabled: [],
  treatMissingData: [],
  'tags.*': [],
};

/** A `monitors:` entry's keys, for the metric alarm it expands into. */
export const MONITOR_ALARM_FIELDS: FieldTable = {
  ...ACTION_FIELDS,
  name: ['name'],
  description: ['description'],
  metric: ['metric.namespace', 'metric.metricName'],
  alarm: ['metric.period', 'threshold', 'comparisonOperator', 'evaluationPeriods', 'datapointsToAlarm'],
  treatMissingData: ['treatMissingData'],
  'tags.*': ['tags'],
  // The filter half's fields: not this resource's.
  logGroup: [],
  awsName: [],
  pattern: [],
};
