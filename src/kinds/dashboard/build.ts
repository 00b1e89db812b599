import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { PLACEHOLDER_ACCOUNT } from '../shared/alarm-actions-build';
import { period } from '../shared/period';
import { normalizeBody, type Widget } from './body';
import { DASHBOARD_FIELDS } from './fields';
import { flow, GRID_COLUMNS } from './layout';
import { dashboardAwsName, MAX_NAME } from './name';
import type { RawDashboard, RawGraph, RawWidget } from './raw';

/** The kinds of widget a `widgets:` entry may be, and the body's `type` each one is. */
const WIDGET_TYPES = { graph: 'metric', alarms: 'alarm', logs: 'log', text: 'text' } as const;
type WidgetKey = keyof typeof WIDGET_TYPES;

/** Default sizes: graphs and logs half the grid's width, alarm status and text its whole width. */
const DEFAULT_SIZE: Readonly<Record<WidgetKey, { width: number; height: number }>> = {
  graph: { width: 12, height: 6 },
  alarms: { width: 24, height: 3 },
  logs: { width: 12, height: 6 },
  text: { width: 24, height: 2 },
};

/** An alarm named in a widget, as the ARN the body needs (a full ARN is taken as it is). */
export function alarmArn(ctx: BuildContext, ref: string, path: PathSegment[]): string {
  if (ref.startsWith('arn:')) return ref;
  ctx.reference({ kind: 'alarm', name: ref, location: ctx.at(path) });
  return `arn:aws:cloudwatch:${ctx.stack.region}:${PLACEHOLDER_ACCOUNT}:alarm:${ref}`;
}

/** A metric graph: one alarm (CloudWatch draws its metric and threshold line) or metrics of its own. */
function graphProperties(ctx: BuildContext, g: RawGraph, path: PathSegment[]): Record<string, unknown> {
  if ((g.alarm === undefined) === (g.metrics === undefined))
    ctx.error(
      'SCHEMA',
      'a graph needs exactly one of "alarm" (the alarm\'s metric with its threshold line) or "metrics"',
      ctx.at(path),
    );
  if (g.alarm !== undefined && g.threshold !== undefined)
    ctx.error(
      'SCHEMA',
      'a graph of an alarm already draws its threshold line: remove "threshold", or graph "metrics" instead',
      ctx.at([...path, 'threshold']),
    );
  const metrics = (g.metrics ?? []).map((m, i) => {
    const options: Record<string, unknown> = {};
    if (m.stat !== undefined) options.stat = m.stat;
    if (m.period !== undefined) options.period = period(ctx, m.period, [...path, 'metrics', i, 'period'], 0);
    if (m.label !== undefined) options.label = m.label;
    const dims = Object.entries(m.dimensions ?? {})
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .flat();
    return [m.namespace, m.name, ...dims, ...(Object.keys(options).length > 0 ? [options] : [])];
  });
  const threshold =
    g.threshold === undefined
      ? undefined
      : typeof g.threshold === 'number'
        ? { value: g.threshold }
        : { value: g.threshold.value, ...(g.threshold.label !== undefined ? { label: g.threshold.label } : {}) };
  return {
    ...(g.title !== undefined ? { title: g.title } : {}),
    region: ctx.stack.region,
    ...(g.view !== undefined ? { view: g.view } : {}),
    ...(g.stacked !== undefined ? { stacked: g.stacked } : {}),
    ...(g.period !== undefined ? { period: period(ctx, g.period, [...path, 'period'], 0) } : {}),
    ...(g.metrics !== undefined ? { metrics } : {}),
    ...(g.alarm !== undefined ? { annotations: { alarms: [alarmArn(ctx, g.alarm, [...path, 'alarm'])] } } : {}),
    ...(threshold ? { annotations: { horizontal: [threshold] } } : {}),
  };
}

/** The Logs Insights query of a logs widget: CloudWatch names the log groups in the query itself. */
function logQuery(logGroups: readonly string[], query: string): string {
  return [...logGroups.map((g) => `SOURCE '${g}'`), query.trim()].join(' | ');
}

/** One `widgets:` entry as the body's widget, its place still to be decided (layout.ts). */
function widget(
  ctx: BuildContext,
  w: RawWidget,
  path: PathSegment[],
): { key: WidgetKey; properties: Record<string, unknown> } | undefined {
  const keys = (Object.keys(WIDGET_TYPES) as WidgetKey[]).filter((k) => w[k] !== undefined);
  if (keys.length !== 1) {
    ctx.error(
      'SCHEMA',
      keys.length === 0
        ? 'a widget needs one of graph, alarms, logs or text'
        : `a widget is one of graph, alarms, logs or text, not ${keys.join(' and ')}: make each its own widget`,
      ctx.at(path),
    );
    return undefined;
  }
  const key = keys[0] as WidgetKey;
  switch (key) {
    case 'graph':
      return { key, properties: graphProperties(ctx, w.graph as RawGraph, [...path, 'graph']) };
    case 'alarms': {
      const a = w.alarms as NonNullable<RawWidget['alarms']>;
      return {
        key,
        properties: {
          ...(a.title !== undefined ? { title: a.title } : {}),
          alarms: a.alarms.map((ref, i) => alarmArn(ctx, ref, [...path, 'alarms', 'alarms', i])),
        },
      };
    }
    case 'logs': {
      // Not a reference: a query may read any log group (a function's own), declared here or not.
      const l = w.logs as NonNullable<RawWidget['logs']>;
      return {
        key,
        properties: {
          ...(l.title !== undefined ? { title: l.title } : {}),
          region: ctx.stack.region,
          query: logQuery(l.logGroups, l.query),
          ...(l.view !== undefined ? { view: l.view } : {}),
        },
      };
    }
    case 'text':
      return { key, properties: { markdown: (w.text as NonNullable<RawWidget['text']>).markdown } };
  }
}

/** The body of one `dashboards:` entry, laid out on the grid. */
export function dashboardBody(ctx: BuildContext, d: RawDashboard, path: PathSegment[]): string {
  const built = d.widgets.map((w, i) => {
    const at = [...path, 'widgets', i];
    const made = widget(ctx, w, at);
    const size = made ? DEFAULT_SIZE[made.key] : { width: 12, height: 6 };
    const width = w.width ?? size.width;
    const x = w.x;
    if (x !== undefined && x + width > GRID_COLUMNS)
      ctx.error(
        'SCHEMA',
        `x ${x} + width ${width} is past the grid's ${GRID_COLUMNS} columns`,
        ctx.at([...at, w.width !== undefined ? 'width' : 'x']),
      );
    if ((w.x === undefined) !== (w.y === undefined))
      ctx.error(
        'SCHEMA',
        'give a widget both x and y, or neither (then it is placed after the one before)',
        ctx.at(at),
      );
    return { made, width, height: w.height ?? size.height, x: w.x, y: w.y };
  });
  const placed = flow(built);
  const widgets: Widget[] = built.map((b, i) => ({
    type: b.made ? WIDGET_TYPES[b.made.key] : 'text',
    ...(placed[i] as NonNullable<(typeof placed)[number]>),
    properties: b.made?.properties ?? {},
  }));
  return normalizeBody(
    JSON.stringify({
      ...(d.start !== undefined ? { start: d.start } : {}),
      ...(d.periodOverride !== undefined ? { periodOverride: d.periodOverride } : {}),
      widgets,
    }),
  );
}

/** `dashboards:`: CloudWatch dashboards of graphs, alarm status, Logs Insights queries and text. */
export const dashboardsForm: YamlForm = {
  key: 'dashboards',
  proseKeys: ['markdown', 'query'],
  build(ctx, raw) {
    (raw.dashboards as RawDashboard[] | undefined)?.forEach((d, i) => {
      const path = ['dashboards', i];
      const name = dashboardAwsName(ctx.stack.name, ctx.stack.region, d.name);
      if (name.length > MAX_NAME)
        ctx.error(
          'LIMIT_EXCEEDED',
          `the dashboard's name in AWS (monitors_<stack>_<region>_ and this name) is ${name.length} characters; AWS allows ${MAX_NAME}`,
          ctx.at([...path, 'name']),
        );
      ctx.push(
        { spec: { kind: 'dashboard', name, body: dashboardBody(ctx, d, path) }, source: ctx.at(path) },
        DASHBOARD_FIELDS,
        path,
      );
    });
  },
};
