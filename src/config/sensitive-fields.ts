import type { PathSegment } from './source';

/**
 * Which spec fields a YAML value feeds, per kind of YAML block: how a `${env:}` value's position in
 * a file becomes a sensitive path of the resource built from it. A key ending in `.*` maps every
 * entry under it (tags, dimensions) to the same entry of the spec path. A value no table knows marks
 * the whole resource ('*'): over-masking is a nuisance, a leak is not recoverable.
 */
type FieldTable = Readonly<Record<string, readonly string[]>>;

const ACTIONS: FieldTable = {
  notify: ['alarmActions'],
  onAlarm: ['alarmActions'],
  onOk: ['okActions'],
  onInsufficientData: ['insufficientDataActions'],
  actionsEnabled: ['actionsEnabled'],
};

const TABLES = {
  topic: {
    name: ['name'],
    displayName: ['displayName'],
    kmsKey: ['kmsMasterKeyId'],
    fifo: ['fifo'],
    'tags.*': ['tags'],
    subscriptions: [],
  },
  subscription: {
    email: ['endpoint'],
    'email-json': ['endpoint'],
    sms: ['endpoint'],
    http: ['endpoint'],
    https: ['endpoint'],
    lambda: ['endpoint'],
    sqs: ['endpoint'],
    filterPolicy: ['filterPolicy'],
    rawMessageDelivery: ['rawMessageDelivery'],
  },
  logGroup: { name: ['name'], retention: ['retentionInDays'], kmsKey: ['kmsKeyId'], 'tags.*': ['tags'] },
  metricFilter: {
    name: ['filterName'],
    logGroup: ['logGroupName'],
    pattern: ['filterPattern'],
    'metric.name': ['transformation.metricName'],
    'metric.namespace': ['transformation.metricNamespace'],
    'metric.value': ['transformation.metricValue'],
    'metric.default': ['transformation.defaultValue'],
    'metric.unit': ['transformation.unit'],
    'metric.dimensions.*': ['transformation.dimensions'],
  },
  metricAlarm: {
    ...ACTIONS,
    name: ['name'],
    description: ['description'],
    'metric.namespace': ['metric.namespace'],
    'metric.name': ['metric.metricName'],
    'metric.dimensions.*': ['metric.dimensions'],
    'metric.period': ['metric.period'],
    'metric.stat': ['metric.statistic', 'metric.extendedStatistic'],
    'metric.unit': ['metric.unit'],
    metrics: ['metrics'],
    threshold: ['threshold', 'comparisonOperator'],
    comparison: ['comparisonOperator'],
    thresholdMetricId: ['thresholdMetricId'],
    evaluationPeriods: ['evaluationPeriods'],
    datapointsToAlarm: ['datapointsToAlarm'],
    treatMissingData: ['treatMissingData'],
    evaluateLowSampleCountPercentile: ['evaluateLowSampleCountPercentile'],
    'tags.*': ['tags'],
  },
  monitorFilter: {
    name: ['filterName'],
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
  },
  monitorAlarm: {
    ...ACTIONS,
    name: ['name'],
    description: ['description'],
    metric: ['metric.namespace', 'metric.metricName'],
    alarm: ['metric.period', 'threshold', 'comparisonOperator', 'evaluationPeriods', 'datapointsToAlarm'],
    treatMissingData: ['treatMissingData'],
    'tags.*': ['tags'],
    // The filter half's fields: not this resource's.
    logGroup: [],
    pattern: [],
  },
  compositeAlarm: { ...ACTIONS, name: ['name'], description: ['description'], rule: ['rule'], 'tags.*': ['tags'] },
  // The chat forwarder's resources are derived from chat destinations, which say their own sensitive paths.
  forwarder: {},
} satisfies Record<string, FieldTable>;

/** The YAML blocks a resource is built from. */
export type FieldBlock = keyof typeof TABLES;

/** The spec paths fed by the value at `rel` (a path inside a block of the given form). */
export function specPathsFor(block: FieldBlock, rel: readonly PathSegment[]): string[] {
  const table: FieldTable = TABLES[block];
  const names = rel.map(String);
  for (let n = names.length; n > 0; n--) {
    const head = names.slice(0, n).join('.');
    const exact = table[head];
    if (exact) return [...exact];
    const wild = table[`${head}.*`];
    if (wild && n < names.length) return wild.map((p) => `${p}.${names[n]}`);
  }
  return ['*'];
}

/** Whether `path` lies under `prefix`, and the rest of it. */
export function under(path: readonly PathSegment[], prefix: readonly PathSegment[]): PathSegment[] | undefined {
  if (path.length < prefix.length || prefix.some((s, i) => path[i] !== s)) return undefined;
  return path.slice(prefix.length);
}
