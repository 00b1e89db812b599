/**
 * The overview dashboard's widgets for each SLO of the stack (kinds/dashboard/overview.ts): its burn
 * rate over an hour (the error rate of the hour-long window alarm divided by the budget), and the share
 * of the budget left over the SLO window. Both are metric math over the SLI's own metrics.
 */
import type { DesiredResource } from '../../model';
import { durationText } from '../shared/forms';
import { sloNames } from './scenario';
import { sloOrigin } from './build';
import type { MetricAlarmSpec, MetricQuery } from '../specs';

/** A widget before it is placed on the grid. */
export interface SloWidget {
  readonly type: 'metric';
  readonly width: number;
  readonly height: number;
  readonly properties: Readonly<Record<string, unknown>>;
}

/** The window alarm's description says "(99.9% over 30d)": the SLO's target and window, as compile.ts writes them. */
function targetAndWindow(alarm: MetricAlarmSpec): { target: number; window: number } | undefined {
  const m = /\(([0-9.]+)% over ([0-9]+)d\)/.exec(alarm.description ?? '');
  return m ? { target: Number(m[1]), window: Number(m[2]) * 86400 } : undefined;
}

/** The dashboard's metrics array for an alarm's queries, at `period`, with `expression` shown. */
function metricsArray(queries: readonly MetricQuery[], period: number, expression: string, label: string): unknown[] {
  const rows: unknown[] = queries.flatMap((q): unknown[] => {
    if (!q.metricStat)
      return q.expression !== undefined ? [[{ expression: q.expression, id: q.id, visible: false }]] : [];
    const m = q.metricStat;
    const dims = Object.entries(m.dimensions).flatMap(([k, v]) => [k, v]);
    return [[m.namespace, m.metricName, ...dims, { id: q.id, stat: m.stat, period, visible: false }]];
  });
  return [...rows, [{ expression, label, id: 'shown' }]];
}

/** Two widgets per SLO: burn rate (1h) and budget remaining over the window. */
export function sloWidgets(resources: readonly DesiredResource[], region: string): SloWidget[] {
  const stack = { resources } as Parameters<typeof sloNames>[0];
  return sloNames(stack).flatMap((name): SloWidget[] => {
    const windows = resources.flatMap((r) =>
      r.origin === sloOrigin(name) && r.spec.kind === 'metricAlarm' && r.spec.evaluationPeriods === 1 ? [r.spec] : [],
    );
    const hour = windows.find((w) => w.metrics?.some((q) => q.metricStat?.period === 3600)) ?? windows[0];
    const facts = hour && targetAndWindow(hour);
    if (!hour?.metrics || !facts) return [];
    const budget = Number(((100 - facts.target) / 100).toPrecision(12));
    const queries = hour.metrics.filter((q) => !q.returnData);
    const rate = hour.metrics.find((q) => q.returnData)?.expression ?? '';
    return [
      {
        type: 'metric',
        width: 16,
        height: 6,
        properties: {
          title: `SLO ${name}: burn rate (1 = the budget lasts exactly ${durationText(facts.window)})`,
          region,
          period: 3600,
          metrics: metricsArray(queries, 3600, `(${rate}) / ${budget}`, 'burn rate over 1h'),
          annotations: { horizontal: [{ value: 1, label: '1x' }] },
        },
      },
      {
        type: 'metric',
        width: 8,
        height: 6,
        properties: {
          title: `SLO ${name}: error budget left over ${durationText(facts.window)} (%)`,
          region,
          view: 'singleValue',
          period: facts.window,
          start: `-PT${facts.window / 3600}H`,
          metrics: metricsArray(queries, facts.window, `100 * (1 - (${rate}) / ${budget})`, 'budget left %'),
        },
      },
    ];
  });
}
