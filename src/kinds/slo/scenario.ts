/**
 * SLO scenarios for `monitors test` ("a 14.4x burn for 10 minutes pages within 5 minutes"): the
 * datapoints of a steady stream of requests whose errors burn the budget at a given factor, generated
 * for the SLI's own metrics, so the compiled alarms are simulated as CloudWatch would evaluate them.
 */
import type { DesiredStack } from '../../model';
import { sloOrigin } from './build';
import { severityAlarmName } from './compile';
import type { MetricAlarmSpec, MetricQuery } from '../specs';

/** A generated datapoint (the rule tests' series shape). */
export interface BurnPoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: number;
}

/** One burn: `factor` times the budget from `start` for `forMs`, then no errors until `until`. */
export interface Burn {
  readonly slo: string;
  readonly factor: number;
  readonly start: number;
  readonly forMs: number;
  readonly until: number;
  /** Requests per minute (default 1000). */
  readonly perMinute: number;
}

/** The SLOs a stack declares, by name. */
export function sloNames(stack: DesiredStack): string[] {
  const prefix = sloOrigin('');
  return [
    ...new Set(stack.resources.flatMap((r) => (r.origin?.startsWith(prefix) ? [r.origin.slice(prefix.length)] : []))),
  ];
}

/** The names of the SLO's page and ticket composite alarms. */
export function sloAlarmNames(slo: string): { readonly page: string; readonly ticket: string } {
  return { page: severityAlarmName(slo, 'page'), ticket: severityAlarmName(slo, 'ticket') };
}

function windowAlarms(stack: DesiredStack, slo: string): MetricAlarmSpec[] {
  return stack.resources.flatMap((r) => (r.origin === sloOrigin(slo) && r.spec.kind === 'metricAlarm' ? [r.spec] : []));
}

/** The error budget (a fraction) the compiled alarms encode: threshold / factor of a window alarm. */
function budgetOf(alarms: readonly MetricAlarmSpec[]): number | undefined {
  for (const a of alarms) {
    const factor = /-burn-([0-9.]+)x-[0-9]+[mhd]$/.exec(a.name)?.[1];
    if (factor !== undefined && a.threshold !== undefined)
      return Number((a.threshold / Number(factor)).toPrecision(12));
  }
  return undefined;
}

/** The datapoints of a burn, or why this SLO cannot be burned offline. */
export function burnDatapoints(stack: DesiredStack, burn: Burn): BurnPoint[] | string {
  const alarms = windowAlarms(stack, burn.slo);
  const budget = budgetOf(alarms);
  const queries = alarms[0]?.metrics ?? [];
  if (budget === undefined) return `no SLO named "${burn.slo}" in the stack`;
  const side = (id: string): MetricQuery | undefined => queries.find((q) => q.id === id);
  if (side('latency')) return 'a latency SLI needs each request’s latency; write datapoints for it instead of burn:';
  const sides = ['good', 'bad', 'total'].flatMap((id) => {
    const q = side(id);
    return q ? [{ id, q }] : [];
  });
  const expression = sides.find((s) => !s.q.metricStat);
  if (expression) return `the SLI's ${expression.id} is an expression; burn: needs good, bad and total as metrics`;
  const out: BurnPoint[] = [];
  for (let t = burn.start; t < burn.until; t += 60_000) {
    const total = burn.perMinute;
    const bad = t < burn.start + burn.forMs ? burn.factor * budget * total : 0;
    const value: Readonly<Record<string, number>> = { good: total - bad, bad, total };
    for (const { id, q } of sides) {
      const m = q.metricStat as NonNullable<MetricQuery['metricStat']>;
      out.push({
        namespace: m.namespace,
        metricName: m.metricName,
        dimensions: m.dimensions,
        timestamp: t,
        value: value[id] as number,
      });
    }
  }
  return out;
}
