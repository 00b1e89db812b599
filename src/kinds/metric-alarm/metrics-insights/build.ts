import { excerpt } from '../../../model';
import type { PathSegment } from '../../../shared/source-types';
import type { BuildContext } from '../../build';
import { queryLocation } from '../../query-definition/location';
import { period } from '../../shared/period';
import type { MetricQuery } from '../../specs';
import { isInsightsExpression, isInsightsProblem, parseInsightsQuery } from './syntax';

/** The id a `query:` alarm's one MetricDataQuery gets (the console's, too). */
export const INSIGHTS_QUERY_ID = 'q1';
/** Metrics Insights has no data finer than a minute ("Metrics Insights quotas"). */
const MIN_INSIGHTS_PERIOD = 60;
/** "Only the latest 3 hours of data can be used for evaluating the alarm's conditions." */
export const INSIGHTS_EVALUATION_WINDOW = 3 * 3600;

/** Checks the query at `path` offline; problems land at their line and column inside it. */
export function checkInsightsQuery(ctx: BuildContext, query: string, path: PathSegment[]): void {
  if (ctx.pending(path)) return;
  const parsed = parseInsightsQuery(query);
  if (isInsightsProblem(parsed))
    ctx.error(
      'BAD_QUERY',
      `Metrics Insights query: ${parsed.message}`,
      queryLocation(ctx.src, path, query, parsed.offset),
    );
}

/** A query as it is sent: a block scalar's final newline is no part of it. */
export function queryText(raw: string): string {
  return raw.replace(/\s+$/, '');
}

/** What a Metrics Insights alarm's period and evaluation range must meet. */
function checkWindow(ctx: BuildContext, seconds: number, evaluationPeriods: number, path: PathSegment[]): void {
  if (seconds < MIN_INSIGHTS_PERIOD)
    ctx.error(
      'SCHEMA',
      `period ${seconds}s: Metrics Insights has no data finer than one minute; use 1m or more`,
      ctx.at([...path, 'period']),
    );
  if (seconds * evaluationPeriods > INSIGHTS_EVALUATION_WINDOW)
    ctx.error(
      'SCHEMA',
      `${evaluationPeriods} periods of ${seconds}s reach back ${+((seconds * evaluationPeriods) / 3600).toFixed(2)}h; a Metrics Insights alarm is evaluated on the latest 3h only`,
      ctx.at([...path, evaluationPeriods > 1 ? 'evaluationPeriods' : 'period']),
    );
}

/** `query:` + `period:` of an alarm: its one MetricDataQuery, checked. */
export function buildInsightsAlarmQuery(
  ctx: BuildContext,
  raw: { readonly query: string; readonly period?: number | string },
  evaluationPeriods: number,
  path: PathSegment[],
): MetricQuery[] {
  const text = queryText(raw.query);
  checkInsightsQuery(ctx, text, [...path, 'query']);
  const seconds = period(ctx, raw.period, [...path, 'period'], 60);
  checkWindow(ctx, seconds, evaluationPeriods, path);
  return [{ id: INSIGHTS_QUERY_ID, expression: text, returnData: true, period: seconds }];
}

/** Metrics Insights queries written in a `metrics:` list: checked like `query:`, and they need a period. */
export function checkInsightsInMetrics(
  ctx: BuildContext,
  queries: readonly MetricQuery[],
  evaluationPeriods: number,
  path: PathSegment[],
): void {
  queries.forEach((q, j) => {
    if (!isInsightsExpression(q.expression)) return;
    const at: PathSegment[] = [...path, 'metrics', j];
    checkInsightsQuery(ctx, q.expression as string, [...at, 'expression']);
    if (q.period === undefined)
      ctx.error('SCHEMA', `query ${excerpt(q.id)} is a Metrics Insights query: it needs a period`, ctx.at(at));
    else checkWindow(ctx, q.period, evaluationPeriods, at);
  });
}
