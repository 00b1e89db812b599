import { paginateDescribeAlarms, type CompositeAlarm, type MetricAlarm } from '@aws-sdk/client-cloudwatch';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { blankToUndefined, normalizeRule, sortedUnique } from '../../model/normalize';
import type { KindReader } from '../reader';
import { dimensionsOf, metricQueriesOf } from './metric-query-read';
import type { CompositeAlarmSpec, MetricAlarmSpec, MetricQuery, TreatMissingData } from '../specs';

/** A live alarm before tags are known. */
export interface LiveAlarm {
  readonly arn: string;
  readonly spec: Omit<MetricAlarmSpec, 'tags'> | Omit<CompositeAlarmSpec, 'tags'>;
}

const dims = dimensionsOf;

function metricAlarmSpec(a: MetricAlarm): Omit<MetricAlarmSpec, 'tags'> {
  const evaluationPeriods = a.EvaluationPeriods ?? 1;
  const metrics: MetricQuery[] | undefined = a.Metrics?.length ? metricQueriesOf(a.Metrics) : undefined;
  return {
    kind: 'metricAlarm',
    name: a.AlarmName ?? '',
    description: blankToUndefined(a.AlarmDescription),
    actionsEnabled: a.ActionsEnabled ?? true,
    alarmActions: sortedUnique(a.AlarmActions),
    okActions: sortedUnique(a.OKActions),
    insufficientDataActions: sortedUnique(a.InsufficientDataActions),
    metric: metrics
      ? undefined
      : {
          namespace: a.Namespace ?? '',
          metricName: a.MetricName ?? '',
          dimensions: dims(a.Dimensions),
          period: a.Period ?? 60,
          // Exactly one of the two is meaningful; an extended statistic wins over a defaulted Statistic.
          statistic: blankToUndefined(a.ExtendedStatistic) ? undefined : blankToUndefined(a.Statistic),
          extendedStatistic: blankToUndefined(a.ExtendedStatistic),
          unit: blankToUndefined(a.Unit),
        },
    metrics,
    // A non-finite threshold (written by another tool) is no threshold: the plan sets the declared one.
    threshold: a.Threshold !== undefined && Number.isFinite(a.Threshold) ? a.Threshold : undefined,
    thresholdMetricId: blankToUndefined(a.ThresholdMetricId),
    comparisonOperator: (a.ComparisonOperator ?? 'GreaterThanThreshold') as MetricAlarmSpec['comparisonOperator'],
    evaluationPeriods,
    // AWS leaves DatapointsToAlarm out when it equals EvaluationPeriods.
    datapointsToAlarm: a.DatapointsToAlarm ?? evaluationPeriods,
    treatMissingData: (blankToUndefined(a.TreatMissingData) ?? 'missing') as TreatMissingData,
    evaluateLowSampleCountPercentile: blankToUndefined(a.EvaluateLowSampleCountPercentile),
  };
}

function compositeAlarmSpec(a: CompositeAlarm): Omit<CompositeAlarmSpec, 'tags'> {
  return {
    kind: 'compositeAlarm',
    name: a.AlarmName ?? '',
    description: blankToUndefined(a.AlarmDescription),
    rule: normalizeRule(a.AlarmRule ?? ''),
    actionsEnabled: a.ActionsEnabled ?? true,
    alarmActions: sortedUnique(a.AlarmActions),
    okActions: sortedUnique(a.OKActions),
    insufficientDataActions: sortedUnique(a.InsufficientDataActions),
    ...(a.ActionsSuppressor
      ? {
          actionsSuppressor: {
            // AWS may answer the suppressor as an ARN where it was given as a name; the desired side is a name.
            alarm:
              /^arn:aws[a-z-]*:cloudwatch:[^:]*:[0-9]*:alarm:(.+)$/.exec(a.ActionsSuppressor)?.[1] ??
              a.ActionsSuppressor,
            waitPeriod: a.ActionsSuppressorWaitPeriod ?? 60,
            extensionPeriod: a.ActionsSuppressorExtensionPeriod ?? 60,
          },
        }
      : {}),
  };
}

/** Every metric and composite alarm in the region, 100 per page. */
export async function readAlarms(clients: AwsClients): Promise<LiveAlarm[]> {
  const out: LiveAlarm[] = [];
  const pages = paginateDescribeAlarms(paged(clients.cloudwatch, 100), {
    AlarmTypes: ['MetricAlarm', 'CompositeAlarm'],
  });
  for await (const page of pages) {
    for (const a of page.MetricAlarms ?? []) out.push({ arn: a.AlarmArn ?? '', spec: metricAlarmSpec(a) });
    for (const a of page.CompositeAlarms ?? []) out.push({ arn: a.AlarmArn ?? '', spec: compositeAlarmSpec(a) });
  }
  return out;
}

/** Both alarm kinds, in one listing; owned by tag, in scope when the files declare the name. */
export const alarmsReader: KindReader = {
  kinds: ['metricAlarm', 'compositeAlarm'],
  taggingTypes: ['cloudwatch:alarm'],
  async list(clients) {
    const alarms = await readAlarms(clients);
    return async (ctx) => {
      const resources: LiveResource[] = [];
      const declared = ctx.declared('alarms');
      await ctx.each(alarms, async (a) => {
        const isDeclared = declared.has(a.spec.name);
        const tags = await ctx.tagsIfInScope(a.arn, isDeclared);
        if (ctx.inScope(tags, isDeclared))
          resources.push({
            spec: { ...a.spec, tags } as LiveResource['spec'],
            arn: a.arn,
            ...ctx.ownership(tags[OWNER_TAG]),
          });
      });
      return { resources };
    };
  },
};
