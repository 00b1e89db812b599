/**
 * An SLO compiled into CloudWatch: one metric-math alarm per (burn factor, window) computing the error
 * rate over the window, and one composite alarm per severity pairing each alert's long and short
 * windows (docs/slos.md). Pure: the loader pushes what this returns.
 */
import { normalizeRule } from '../../model/normalize';
import { durationText } from '../shared/forms';
import type { SliSide, SloDefinition, SloMetric } from './model';
import { burnThreshold, factorText, windowShape, type BurnAlert, type WindowShape } from './policy';
import type { CompositeAlarmSpec, MetricAlarmSpec, MetricQuery } from '../specs';

/** The id of the expression every window alarm compares: the error rate. */
export const RATE_ID = 'rate';

/** The name of the alarm watching one window at one burn factor. */
export function windowAlarmName(slo: string, factor: number, window: number): string {
  return `${slo}-burn-${factorText(factor)}-${durationText(window)}`;
}

/** The composite alarm of a severity: `<slo>-page`, `<slo>-ticket`. */
export function severityAlarmName(slo: string, severity: BurnAlert['severity']): string {
  return `${slo}-${severity}`;
}

function stat(id: string, m: SloMetric, period: number): MetricQuery {
  return {
    id,
    returnData: false,
    metricStat: { namespace: m.namespace, metricName: m.metricName, dimensions: m.dimensions, period, stat: m.stat },
  };
}

function side(id: string, s: SliSide, period: number): MetricQuery {
  return s.form === 'metric' ? stat(id, s.metric, period) : { id, expression: s.expression, returnData: false };
}

/**
 * The queries computing the error rate over one period. A missing count of bad (or good) events is
 * a zero (FILL), so a period with requests and no error datapoint is a rate of 0, not missing data; a
 * period with no requests stays missing.
 */
export function errorRateQueries(slo: SloDefinition, period: number): MetricQuery[] {
  const sli = slo.sli;
  const rate = (expression: string, label: string): MetricQuery => ({
    id: RATE_ID,
    expression,
    label,
    returnData: true,
  });
  if (sli.form === 'latency') {
    return [
      stat('latency', sli.metric, period),
      rate('(100 - latency) / 100', `share of requests slower than ${sli.threshold}`),
    ];
  }
  const named = Object.keys(sli.metrics)
    .sort()
    .map((id) => stat(id, sli.metrics[id] as SloMetric, period));
  const q: MetricQuery[] = [...named];
  if (sli.good) q.push(side('good', sli.good, period));
  if (sli.bad) q.push(side('bad', sli.bad, period));
  if (sli.total) q.push(side('total', sli.total, period));
  if (sli.bad && sli.total) q.push(rate('FILL(bad, 0) / total', 'bad / total'));
  else if (sli.good && sli.total) q.push(rate('(total - FILL(good, 0)) / total', '(total - good) / total'));
  else q.push(rate('FILL(bad, 0) / (FILL(good, 0) + FILL(bad, 0))', 'bad / (good + bad)'));
  return q;
}

/** One window at one factor as a metric alarm, or why it cannot be one. */
function windowAlarm(slo: SloDefinition, alert: BurnAlert, window: number, shape: WindowShape): MetricAlarmSpec {
  const sliced = shape.evaluationPeriods > 1;
  const how = sliced
    ? `each of ${shape.evaluationPeriods} slices of ${durationText(shape.period)}`
    : `over ${durationText(window)}`;
  return {
    kind: 'metricAlarm',
    name: windowAlarmName(slo.name, alert.factor, window),
    description: `SLO ${slo.name} (${slo.target}% over ${durationText(slo.window)}): error rate ${how} at ${factorText(alert.factor)} the budget or more`,
    actionsEnabled: true,
    alarmActions: [],
    okActions: [],
    insufficientDataActions: [],
    metrics: errorRateQueries(slo, shape.period),
    threshold: burnThreshold(slo.target, alert.factor),
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: shape.evaluationPeriods,
    datapointsToAlarm: shape.evaluationPeriods,
    // A window without requests spent no budget. A slice without requests is no evidence against a
    // slow burn either: it does not veto the others (the short window must burn as well).
    treatMissingData: sliced ? 'breaching' : 'notBreaching',
    tags: slo.tags,
  };
}

/** What an SLO compiles into. */
export interface CompiledSlo {
  readonly windows: readonly MetricAlarmSpec[];
  readonly severities: readonly CompositeAlarmSpec[];
}

/** Compiles a checked SLO; windows must already fit (windowShape), else this throws. */
export function compileSlo(slo: SloDefinition): CompiledSlo {
  const windows = new Map<string, MetricAlarmSpec>();
  const add = (alert: BurnAlert, seconds: number): string => {
    const shape = windowShape(seconds);
    if (typeof shape === 'string') throw new Error(`compileSlo: unchecked window ${seconds}s: ${shape}`);
    const spec = windowAlarm(slo, alert, seconds, shape);
    windows.set(spec.name, spec);
    return spec.name;
  };
  const severities: CompositeAlarmSpec[] = [];
  for (const severity of ['page', 'ticket'] as const) {
    const alerts = slo.policy.filter((a) => a.severity === severity);
    if (alerts.length === 0) continue;
    const terms = alerts.map((a) => `(ALARM("${add(a, a.long)}") AND ALARM("${add(a, a.short)}"))`);
    const actions = severity === 'page' ? slo.pageActions : slo.ticketActions;
    severities.push({
      kind: 'compositeAlarm',
      name: severityAlarmName(slo.name, severity),
      description: `SLO ${slo.name}: ${severity === 'page' ? 'page' : 'ticket'}: ${alerts
        .map((a) => `${factorText(a.factor)} over ${durationText(a.long)} and ${durationText(a.short)}`)
        .join('; or ')}`,
      rule: normalizeRule(terms.length === 1 ? (terms[0] as string).slice(1, -1) : terms.join(' OR ')),
      actionsEnabled: true,
      alarmActions: [...actions],
      okActions: [],
      insufficientDataActions: [],
      ...(severity === 'page' && slo.suppressPageWhile !== undefined
        ? { actionsSuppressor: { alarm: slo.suppressPageWhile, waitPeriod: 120, extensionPeriod: 300 } }
        : {}),
      tags: slo.tags,
    });
  }
  return { windows: [...windows.values()], severities };
}
