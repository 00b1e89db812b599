import type { FieldTable } from '../../shared/sensitive-fields';
import { ACTION_FIELDS } from '../shared/alarm-fields';

/** Which spec fields each key of an `alarms:` entry feeds (for `${env:}` values). */
export const METRIC_ALARM_FIELDS: FieldTable = {
  ...ACTION_FIELDS,
  name: ['name'],
  description: ['description'],
  'metric.namespace': ['metric.namespace'],
  'metric.name': ['metric.metricName'],
  'metric.dimensions.*': ['metric.dimensions'],
  'metric.period': ['metric.period'],
  'metric.stat': ['metric.statistic', 'metric.extendedStatistic'],
  'metric.unit': ['metric.unit'],
  metrics: ['metrics'],
  query: ['metrics'],
  period: ['metrics'],
  threshold: ['threshold', 'comparisonOperator'],
  comparison: ['comparisonOperator'],
  thresholdMetricId: ['thresholdMetricId'],
  evaluationPeriods: ['evaluationPeriods'],
  datapointsToAlarm: ['datapointsToAlarm'],
  treatMissingData: ['treatMissingData'],
  evaluateLowSampleCountPercentile: ['evaluateLowSampleCountPercentile'],
  'tags.*': ['tags'],
};
