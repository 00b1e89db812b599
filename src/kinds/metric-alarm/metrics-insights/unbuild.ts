import { durationText, validPeriod } from '../../shared/forms';
import type { MetricAlarmSpec } from '../../specs';
import { INSIGHTS_QUERY_ID } from './build';
import { isInsightsExpression } from './syntax';

/**
 * `query:` and `period:` for an alarm whose one MetricDataQuery is a Metrics Insights query with the
 * id, label and account the `query:` form gives; any other shape (another id, a label, SQL inside
 * metric math) is written as `metrics:`, which keeps it exactly.
 */
export function insightsEntry(spec: MetricAlarmSpec): { query: string; period?: string } | undefined {
  const q = spec.metrics?.length === 1 ? spec.metrics[0] : undefined;
  if (
    !q ||
    !isInsightsExpression(q.expression) ||
    q.id !== INSIGHTS_QUERY_ID ||
    !q.returnData ||
    q.label !== undefined ||
    q.accountId !== undefined ||
    q.period === undefined ||
    !validPeriod(q.period)
  )
    return undefined;
  return { query: q.expression as string, ...(q.period === 60 ? {} : { period: durationText(q.period) }) };
}
