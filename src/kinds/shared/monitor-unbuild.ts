import { OWNER_TAG } from '../../model';
import { alarmShorthandText, validPeriod } from './forms';
import { awsNameProblem, filterProblem, filterYamlName } from '../metric-filter/unbuild';
import { actionsProblem, unbuildActions } from './alarm-actions-unbuild';
import { entry, ownTags, type Entry, type UnbuildContext } from '../unbuild';
import type { MetricAlarmSpec, MetricFilterSpec } from '../specs';

const NAME = /^[A-Za-z0-9_-]{1,200}$/;

/**
 * The reverse of the `monitors:` short form (monitor-build.ts): a filter counting 1 per line (0 when
 * none) and a Sum alarm on exactly its metric, written as one block named after the alarm. Undefined
 * when the pair is not that pattern, and then they are written as a filter and an alarm.
 */
export function unbuildMonitor(
  filter: MetricFilterSpec,
  alarm: MetricAlarmSpec,
  ctx: UnbuildContext,
): Entry | undefined {
  const t = filter.transformation;
  const m = alarm.metric;
  const simpleFilter =
    t.metricValue === '1' &&
    t.defaultValue === 0 &&
    t.unit === undefined &&
    Object.keys(t.dimensions).length === 0 &&
    filterProblem(filter) === undefined &&
    !t.metricName.includes('/');
  const simpleAlarm =
    m !== undefined &&
    m.namespace === t.metricNamespace &&
    m.metricName === t.metricName &&
    Object.keys(m.dimensions).length === 0 &&
    m.statistic === 'Sum' &&
    m.extendedStatistic === undefined &&
    m.unit === undefined &&
    validPeriod(m.period) &&
    alarm.thresholdMetricId === undefined &&
    alarm.evaluateLowSampleCountPercentile === undefined &&
    actionsProblem(alarm) === undefined &&
    NAME.test(alarm.name);
  if (!simpleFilter || !simpleAlarm || alarm.threshold === undefined) return undefined;
  const condition = alarmShorthandText({
    comparison: alarm.comparisonOperator,
    threshold: alarm.threshold,
    period: m.period,
    datapointsToAlarm: alarm.datapointsToAlarm,
    evaluationPeriods: alarm.evaluationPeriods,
  });
  if (condition === undefined) return undefined;
  // The block names the filter after the alarm; a filter made in the console keeps its own AWS name.
  const named = filterYamlName(filter, ctx.stack);
  const awsName = named.awsName === undefined && named.name === alarm.name ? undefined : filter.filterName;
  if (awsName !== undefined && awsNameProblem(awsName) !== undefined) return undefined;
  return entry({
    name: alarm.name,
    awsName,
    description: alarm.description,
    logGroup: filter.logGroupName,
    pattern: filter.filterPattern,
    metric: `${t.metricNamespace}/${t.metricName}`,
    alarm: condition,
    treatMissingData: alarm.treatMissingData === 'missing' ? undefined : alarm.treatMissingData,
    ...unbuildActions(alarm, ctx),
    tags: ownTags(alarm.tags, [OWNER_TAG]),
  });
}
