import type { DesiredResource, Diagnostic } from '../../../model';
import { isInsightsExpression } from './syntax';

/** "A default of 200 alarms using the Metrics Insights query per account per Region" (adjustable). */
export const MAX_INSIGHTS_ALARMS = 200;

/** A stack with more Metrics Insights alarms than AWS's default quota: warned (the quota can be raised). */
export function insightsAlarmQuota(resources: readonly DesiredResource[]): Diagnostic[] {
  const insights = resources.filter(
    (r) => r.spec.kind === 'metricAlarm' && (r.spec.metrics ?? []).some((q) => isInsightsExpression(q.expression)),
  );
  const first = insights[MAX_INSIGHTS_ALARMS];
  if (!first) return [];
  return [
    {
      severity: 'warning',
      code: 'LIMIT_EXCEEDED',
      message: `${insights.length} Metrics Insights alarms; AWS allows ${MAX_INSIGHTS_ALARMS} per account and region unless the quota is raised (this is the ${MAX_INSIGHTS_ALARMS + 1}st)`,
      location: first.source,
    },
  ];
}
