import { excerpt } from '../../model';
import { blankToUndefined, sortedRecord } from '../../model/normalize';
import { parseThreshold } from '../shared/forms';
import type { RawAlarm, RawMetric, RawQuery } from '../../shared/raw';
import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { buildActions } from '../shared/alarm-actions-build';
import { period } from '../shared/period';
import { METRIC_ALARM_FIELDS } from './fields';
import { checkInsightRuleRefs } from '../insight-rule/metric-ref';
import type { MetricAlarmSpec, MetricQuery, MetricStat, TreatMissingData } from '../specs';
import { buildInsightsAlarmQuery, checkInsightsInMetrics } from './metrics-insights/build';

function metricStat(ctx: BuildContext, m: RawMetric, path: PathSegment[]): MetricStat {
  if (m.stat === undefined)
    ctx.error('SCHEMA', `${path.join('.')} is missing the required key "stat" (e.g. Sum, Average, p99)`, ctx.at(path));
  const stat = m.stat ?? 'Average';
  const basic = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(stat);
  return {
    namespace: m.namespace,
    metricName: m.name,
    dimensions: sortedRecord(m.dimensions),
    period: period(ctx, m.period, [...path, 'period'], 60),
    statistic: basic ? stat : undefined,
    extendedStatistic: basic ? undefined : stat,
    unit: m.unit,
  };
}

function query(ctx: BuildContext, q: RawQuery, path: PathSegment[]): MetricQuery {
  if ((q.expression === undefined) === (q.metric === undefined)) {
    ctx.error('SCHEMA', `query ${excerpt(q.id)} needs exactly one of expression or metric`, ctx.at(path));
  }
  const stat = q.metric ? metricStat(ctx, q.metric, [...path, 'metric']) : undefined;
  if (q.expression !== undefined) checkInsightRuleRefs(ctx, q.expression, [...path, 'expression']);
  return {
    id: q.id,
    expression: q.expression,
    label: q.label,
    returnData: q.returnData ?? q.expression !== undefined,
    period: q.period === undefined ? undefined : period(ctx, q.period, [...path, 'period'], 60),
    accountId: q.accountId,
    metricStat: stat && {
      namespace: stat.namespace,
      metricName: stat.metricName,
      dimensions: stat.dimensions,
      period: stat.period,
      stat: stat.statistic ?? stat.extendedStatistic ?? 'Average',
      unit: stat.unit,
    },
  };
}

/** A metric alarm from its human form: one metric, metric math, or a Metrics Insights query. */
export function buildMetricAlarm(ctx: BuildContext, a: RawAlarm, path: PathSegment[]): MetricAlarmSpec {
  ctx.alarmName(a.name, path);
  const sources = [a.metric, a.metrics, a.query].filter((x) => x !== undefined).length;
  if (sources !== 1) {
    ctx.error(
      'SCHEMA',
      `alarm ${excerpt(a.name)} needs exactly one of metric (one metric), metrics (metric math) or query (Metrics Insights)`,
      ctx.at(path),
    );
  }
  if (a.period !== undefined && a.query === undefined)
    ctx.error(
      'SCHEMA',
      `period beside an alarm's keys goes with query; a metric's period goes under metric`,
      ctx.at([...path, 'period']),
    );
  let comparison = a.comparison as MetricAlarmSpec['comparisonOperator'] | undefined;
  let threshold: number | undefined;
  if (typeof a.threshold === 'string') {
    if (a.comparison !== undefined)
      ctx.error(
        'SCHEMA',
        `threshold ${excerpt(a.threshold)} already says the comparison; remove comparison`,
        ctx.at([...path, 'comparison']),
      );
    ({ comparison, threshold } = parseThreshold(a.threshold));
  } else if (typeof a.threshold === 'number') {
    threshold = a.threshold;
    if (comparison === undefined)
      ctx.error(
        'SCHEMA',
        `threshold ${a.threshold} needs a comparison, or write it as ">= ${a.threshold}"`,
        ctx.at([...path, 'threshold']),
      );
  } else if (a.thresholdMetricId === undefined) {
    ctx.error('SCHEMA', `alarm ${excerpt(a.name)} is missing the required key "threshold" (e.g. ">= 2")`, ctx.at(path));
  }
  if (threshold !== undefined && !Number.isFinite(threshold))
    ctx.error('SCHEMA', `threshold ${excerpt(a.threshold)} is not a finite number`, ctx.at([...path, 'threshold']));
  const evaluationPeriods = a.evaluationPeriods ?? 1;
  const datapointsToAlarm = a.datapointsToAlarm ?? evaluationPeriods;
  if (datapointsToAlarm > evaluationPeriods) {
    ctx.error(
      'SCHEMA',
      `datapointsToAlarm (${datapointsToAlarm}) cannot exceed evaluationPeriods (${evaluationPeriods})`,
      ctx.at([...path, 'datapointsToAlarm']),
    );
  }
  const metrics =
    a.metrics?.map((q, j) => query(ctx, q, [...path, 'metrics', j])) ??
    (a.query !== undefined && a.metric === undefined
      ? buildInsightsAlarmQuery(ctx, { query: a.query, period: a.period }, evaluationPeriods, path)
      : undefined);
  if (a.metrics && metrics) checkInsightsInMetrics(ctx, metrics, evaluationPeriods, path);
  if (metrics && metrics.filter((q) => q.returnData).length !== 1) {
    ctx.error(
      'SCHEMA',
      `metric math alarm ${excerpt(a.name)} needs exactly one query with returnData: true (it has ${metrics.filter((q) => q.returnData).length})`,
      ctx.at([...path, 'metrics']),
    );
  }
  return {
    kind: 'metricAlarm',
    name: a.name,
    description: blankToUndefined(a.description),
    ...buildActions(ctx, a, path),
    metric: a.metric ? metricStat(ctx, a.metric, [...path, 'metric']) : undefined,
    metrics,
    threshold,
    thresholdMetricId: a.thresholdMetricId,
    comparisonOperator: comparison ?? 'GreaterThanOrEqualToThreshold',
    evaluationPeriods,
    datapointsToAlarm,
    treatMissingData: (a.treatMissingData ?? 'missing') as TreatMissingData,
    evaluateLowSampleCountPercentile: a.evaluateLowSampleCountPercentile,
    tags: ctx.tagsFor(a.tags, path),
  };
}

/** `alarms:`: metric alarms written out in full. */
export const alarmsForm: YamlForm = {
  key: 'alarms',
  proseKeys: ['description', 'expression', 'query'],
  build(ctx, raw) {
    raw.alarms?.forEach((a, i) =>
      ctx.push({ spec: buildMetricAlarm(ctx, a, ['alarms', i]), source: ctx.at(['alarms', i]) }, METRIC_ALARM_FIELDS, [
        'alarms',
        i,
      ]),
    );
  },
};
