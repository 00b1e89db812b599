import type { Dimension, MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { blankToUndefined, sortedRecord } from '../../model/normalize';
import type { MetricQuery } from '../specs';

/** CloudWatch's dimension list as the model's sorted record. */
export function dimensionsOf(list: readonly Dimension[] | undefined): Record<string, string> {
  return sortedRecord(Object.fromEntries((list ?? []).map((d) => [d.Name ?? '', d.Value ?? ''])));
}

/**
 * Metric-math queries as CloudWatch answers them (an alarm's Metrics, an anomaly detector's
 * MetricMathAnomalyDetector), normalized as the files' are built, so a re-plan is empty.
 */
export function metricQueriesOf(queries: readonly MetricDataQuery[]): MetricQuery[] {
  return queries.map((q) => ({
    id: q.Id ?? '',
    expression: blankToUndefined(q.Expression),
    label: blankToUndefined(q.Label),
    returnData: q.ReturnData ?? true,
    period: q.Period,
    accountId: blankToUndefined(q.AccountId),
    metricStat: q.MetricStat && {
      namespace: q.MetricStat.Metric?.Namespace ?? '',
      metricName: q.MetricStat.Metric?.MetricName ?? '',
      dimensions: dimensionsOf(q.MetricStat.Metric?.Dimensions),
      period: q.MetricStat.Period ?? 60,
      stat: q.MetricStat.Stat ?? '',
      unit: blankToUndefined(q.MetricStat.Unit),
    },
  }));
}
