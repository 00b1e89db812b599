import { OWNER_TAG } from '../../model';
import { durationText, thresholdText, validPeriod } from '../shared/forms';
import { alarmNameProblem } from '../shared/alarm-name';
import { writableUnit } from '../metric-filter/unbuild';
import { actionsProblem, unbuildActions } from '../shared/alarm-actions-unbuild';
import { entry, ownTags, type Entry, type KindUnbuild, type UnbuildContext, type Unbuilt } from '../unbuild';
import type { MetricAlarmSpec, MetricQuery, MetricStat } from '../specs';
import { insightsEntry } from './metrics-insights/unbuild';

const STAT =
  /^(Sum|Average|Minimum|Maximum|SampleCount|(p|tm|wm|tc|ts)[0-9]{1,2}(\.[0-9]{1,10})?|(TM|WM|TC|TS|PR)\(.+\))$/;
const QUERY_ID = /^[a-z][a-zA-Z0-9_]*$/;

/** A period as written: the default (60 s) left out where the form has that default. */
function periodText(seconds: number, fallback: number | undefined): string | undefined {
  return seconds === fallback ? undefined : durationText(seconds);
}

function metricEntry(
  m: {
    namespace: string;
    metricName: string;
    dimensions: Readonly<Record<string, string>>;
    period: number;
    unit?: string;
  },
  stat: string,
): Entry {
  return entry({
    namespace: m.namespace,
    name: m.metricName,
    stat,
    period: periodText(m.period, 60),
    unit: m.unit,
    dimensions: Object.keys(m.dimensions).length > 0 ? { ...m.dimensions } : undefined,
  });
}

/** Why a metric cannot be written, if it cannot. */
function metricProblem(
  m: { namespace: string; metricName: string; period: number; unit?: string },
  stat: string | undefined,
): string | undefined {
  if (!m.namespace || !m.metricName) return 'its metric has no namespace or name';
  if (stat === undefined || !STAT.test(stat)) return `its statistic "${stat ?? ''}" has no form in monitors files`;
  if (!validPeriod(m.period)) return `its period of ${m.period}s is not one CloudWatch accepts`;
  if (!writableUnit(m.unit)) return `its unit "${m.unit ?? ''}" has no form in monitors files`;
  return undefined;
}

function statOf(m: MetricStat): string | undefined {
  return m.statistic ?? m.extendedStatistic;
}

function queryEntry(q: MetricQuery): Entry | string {
  if (!QUERY_ID.test(q.id)) return `its query id "${q.id}" has no form in monitors files`;
  if ((q.expression === undefined) === (q.metricStat === undefined))
    return `its query "${q.id}" needs exactly one of expression or metric`;
  if (q.period !== undefined && !validPeriod(q.period))
    return `its query "${q.id}" has a period CloudWatch does not accept`;
  const ms = q.metricStat;
  const problem = ms && metricProblem(ms, ms.stat);
  if (problem) return problem;
  return entry({
    id: q.id,
    expression: q.expression,
    metric: ms && metricEntry(ms, ms.stat),
    label: q.label,
    returnData: q.returnData === (q.expression !== undefined) ? undefined : q.returnData,
    period: q.period === undefined ? undefined : durationText(q.period),
    accountId: q.accountId,
  });
}

function unbuildAlarm(spec: MetricAlarmSpec, ctx: UnbuildContext): Unbuilt {
  const problem = alarmNameProblem(spec.name) ?? actionsProblem(spec);
  if (problem) return { unsupported: problem };
  let metric: Entry | undefined;
  let metrics: Entry[] | undefined;
  const insights = insightsEntry(spec);
  if (insights) {
    // Written as query: + period:, the form build reads back into the same one MetricDataQuery.
  } else if (spec.metric) {
    const stat = statOf(spec.metric);
    const p = metricProblem(spec.metric, stat);
    if (p) return { unsupported: p };
    metric = metricEntry(spec.metric, stat as string);
  } else if (spec.metrics) {
    const queries = spec.metrics.map(queryEntry);
    const bad = queries.find((q): q is string => typeof q === 'string');
    if (bad) return { unsupported: bad };
    metrics = queries as Entry[];
  } else return { unsupported: 'it has neither a metric nor metric math' };
  let threshold: string | number | undefined;
  let comparison: string | undefined;
  if (spec.threshold !== undefined) {
    threshold = thresholdText(spec.comparisonOperator, spec.threshold);
    if (threshold === undefined) {
      threshold = spec.threshold;
      comparison = spec.comparisonOperator;
    }
  } else if (spec.thresholdMetricId !== undefined) comparison = spec.comparisonOperator;
  else return { unsupported: 'it has no threshold' };
  return {
    entry: entry({
      name: spec.name,
      description: spec.description,
      metric,
      metrics,
      ...insights,
      threshold,
      comparison,
      thresholdMetricId: spec.thresholdMetricId,
      evaluationPeriods: spec.evaluationPeriods === 1 ? undefined : spec.evaluationPeriods,
      datapointsToAlarm: spec.datapointsToAlarm === spec.evaluationPeriods ? undefined : spec.datapointsToAlarm,
      treatMissingData: spec.treatMissingData === 'missing' ? undefined : spec.treatMissingData,
      evaluateLowSampleCountPercentile: spec.evaluateLowSampleCountPercentile,
      ...unbuildActions(spec, ctx),
      tags: ownTags(spec.tags, [OWNER_TAG]),
    }),
  };
}

/** A metric alarm as `alarms:` writes it: threshold as ">= 2", periods as "5m", defaults left out. */
export const metricAlarmUnbuild: KindUnbuild<'metricAlarm'> = {
  section: 'alarms',
  unbuild: unbuildAlarm,
};
