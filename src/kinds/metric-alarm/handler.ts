import {
  DeleteAlarmsCommand,
  PutMetricAlarmCommand,
  type PutMetricAlarmCommandInput,
} from '@aws-sdk/client-cloudwatch';
import { actionParams, actionTopics, syncAlarmTags } from '../shared/alarm-common';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import type { FieldDiff } from '../../model';
import { tagList } from '../shared/tags';
import { insightRuleKeys } from '../insight-rule/metric-ref';
import type { MetricAlarmSpec } from '../specs';

const REPLACE = new Set(['name']);
const dims = (d: Readonly<Record<string, string>>) => Object.entries(d).map(([Name, Value]) => ({ Name, Value }));

/** The PutMetricAlarm request for a spec: a plain metric or metric math. */
export function putMetricAlarmInput(spec: MetricAlarmSpec, withTags: boolean): PutMetricAlarmCommandInput {
  const m = spec.metric;
  return {
    AlarmName: spec.name,
    AlarmDescription: spec.description,
    ...actionParams(spec),
    ...(m
      ? {
          Namespace: m.namespace,
          MetricName: m.metricName,
          Dimensions: dims(m.dimensions),
          Period: m.period,
          Statistic: m.statistic as never,
          ExtendedStatistic: m.extendedStatistic,
          Unit: m.unit as never,
        }
      : {
          Metrics: spec.metrics?.map((q) => ({
            Id: q.id,
            Expression: q.expression,
            Label: q.label,
            ReturnData: q.returnData,
            Period: q.period,
            AccountId: q.accountId,
            MetricStat: q.metricStat && {
              Metric: {
                Namespace: q.metricStat.namespace,
                MetricName: q.metricStat.metricName,
                Dimensions: dims(q.metricStat.dimensions),
              },
              Period: q.metricStat.period,
              Stat: q.metricStat.stat,
              Unit: q.metricStat.unit as never,
            },
          })),
        }),
    Threshold: spec.threshold,
    ThresholdMetricId: spec.thresholdMetricId,
    ComparisonOperator: spec.comparisonOperator,
    EvaluationPeriods: spec.evaluationPeriods,
    DatapointsToAlarm: spec.datapointsToAlarm,
    TreatMissingData: spec.treatMissingData,
    EvaluateLowSampleCountPercentile: spec.evaluateLowSampleCountPercentile,
    Tags: withTags ? tagList(spec.tags) : undefined,
  };
}

/**
 * The field diff, with a change inside metric math (a Metrics Insights query) shown per query and
 * field (`metrics.0.expression`), so that a query of many lines is shown as a line diff, when the
 * queries are as many before as after; otherwise the list is one change.
 */
function diffAlarm(before: MetricAlarmSpec, after: MetricAlarmSpec): FieldDiff[] {
  const diffs = fieldDiffs(before, after, REPLACE);
  const b = before.metrics;
  const a = after.metrics;
  if (!b || !a || b.length !== a.length) return diffs;
  return diffs.flatMap((d) =>
    d.path === 'metrics'
      ? b.flatMap((q, i) =>
          fieldDiffs(q, a[i] as object, new Set()).map((f) => ({ ...f, path: `metrics.${i}.${f.path}` })),
        )
      : [d],
  );
}

async function put(ctx: ApplyContext, spec: MetricAlarmSpec, withTags: boolean): Promise<void> {
  await ctx.clients.cloudwatch.send(new PutMetricAlarmCommand(putMetricAlarmInput(spec, withTags)));
}

/** Metric alarms: every field but the name changes in place through PutMetricAlarm. */
export const metricAlarmHandler: KindHandler<'metricAlarm'> = {
  kind: 'metricAlarm',
  batchedDeletes: true,
  diff: diffAlarm,
  dependsOn: (spec, region) => [
    ...actionTopics(spec, region),
    ...insightRuleKeys(spec.metrics?.map((q) => q.expression) ?? [], region),
  ],
  create: (ctx, spec) => put(ctx, spec, true),
  async update(ctx, before, after, diffs) {
    // Tags first: adopting tags the alarm as ours before anything else, which a tag-scoped IAM policy requires.
    await syncAlarmTags(ctx, after.name, before.tags, after.tags);
    if (diffs.some((d) => !d.path.startsWith('tags.'))) await put(ctx, after, false);
  },
  async remove(ctx, spec) {
    if (ctx.alarmDeletes) return ctx.alarmDeletes.delete(spec.name);
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.cloudwatch.send(new DeleteAlarmsCommand({ AlarmNames: [spec.name] })),
    );
  },
};
