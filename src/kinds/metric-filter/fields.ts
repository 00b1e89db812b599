import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `metricFilters:` entry feeds (for `${env:}` values). */
export const METRIC_FILTER_FIELDS: FieldTable = {
  name: ['filterName'],
  awsName: ['filterName'],
  logGroup: ['logGroupName'],
  pattern: ['filterPattern'],
  'metric.name': ['transformation.metricName'],
  'metric.namespace': ['transformation.metricNamespace'],
  'metric.value': ['transformation.metricValue'],
  'metric.default': ['transformation.defaultValue'],
  'metric.unit': ['transformation.unit'],
  'metric.dimensions.*': ['transformation.dimensions'],
};
