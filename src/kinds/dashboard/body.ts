import { canonicalJson } from '../../model/normalize';

/**
 * The dashboard body as AWS stores it (Dashboard Body Structure and Syntax): the YAML form maps onto
 * it one to one (build.ts), the reader reads it back, and both sides go through normalizeBody so a
 * re-plan of an unchanged dashboard is empty.
 */
export interface Widget {
  readonly type: string;
  readonly x?: number;
  readonly y?: number;
  readonly width?: number;
  readonly height?: number;
  readonly properties?: Readonly<Record<string, unknown>>;
}

export interface DashboardBody {
  readonly widgets: readonly Widget[];
  readonly start?: string;
  readonly end?: string;
  readonly periodOverride?: string;
}

/** AWS's defaults, filled on both sides: a body that leaves them out equals one that spells them. */
const WIDGET_DEFAULTS = { width: 6, height: 6 } as const;
const PROPERTY_DEFAULTS: Readonly<Record<string, Readonly<Record<string, unknown>>>> = {
  metric: { view: 'timeSeries', stacked: false, period: 300 },
  log: { view: 'table' },
};

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** One widget with AWS's defaults filled. */
function normalizeWidget(w: Record<string, unknown>): Record<string, unknown> {
  const type = typeof w.type === 'string' ? w.type : '';
  const properties = isRecord(w.properties) ? w.properties : {};
  return {
    ...WIDGET_DEFAULTS,
    ...w,
    properties: { ...PROPERTY_DEFAULTS[type], ...properties },
  };
}

/**
 * The canonical text of a body: parsed, defaults filled, keys sorted at every level; widget order and
 * list order kept (they are the layout and the legend). Text that is not a JSON object is kept as it
 * is, so a broken live body shows up as a difference rather than failing the read.
 */
export function normalizeBody(text: string): string {
  const parsed = parseObject(text);
  if (!parsed) return text;
  const widgets = Array.isArray(parsed.widgets) ? parsed.widgets : [];
  return canonicalJson({ ...parsed, widgets: widgets.map((w) => (isRecord(w) ? normalizeWidget(w) : w)) });
}

/** The body with every alarm ARN it names (alarm status lists, alarm annotations) passed through `fix`. */
export function mapAlarmArns(text: string, fix: (arn: string) => string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    return text;
  }
  if (!isRecord(parsed) || !Array.isArray(parsed.widgets)) return text;
  const fixList = (v: readonly unknown[]) => v.map((a) => (typeof a === 'string' ? fix(a) : a));
  const widgets = parsed.widgets.map((w: unknown) => {
    if (!isRecord(w) || !isRecord(w.properties)) return w;
    const p = w.properties;
    const properties: Record<string, unknown> = { ...p };
    if (w.type === 'alarm' && Array.isArray(p.alarms)) properties.alarms = fixList(p.alarms);
    if (isRecord(p.annotations) && Array.isArray(p.annotations.alarms))
      properties.annotations = { ...p.annotations, alarms: fixList(p.annotations.alarms) };
    return { ...w, properties };
  });
  return canonicalJson({ ...parsed, widgets });
}

/** Every alarm ARN a body names. */
export function alarmArnsIn(text: string): string[] {
  const out: string[] = [];
  mapAlarmArns(text, (arn) => {
    out.push(arn);
    return arn;
  });
  return out;
}

/** An alarm's name from its ARN, as people read it in a plan. */
function alarmName(arn: unknown): string {
  if (typeof arn !== 'string') return JSON.stringify(arn);
  const m = /^arn:[^:]+:cloudwatch:[^:]*:[^:]*:alarm:(.+)$/.exec(arn);
  return m ? (m[1] as string) : arn;
}

const KIND_OF_WIDGET: Readonly<Record<string, string>> = {
  metric: 'graph',
  alarm: 'alarm status',
  log: 'logs',
  text: 'text',
};

/** Lines of a multi-line text, each kept on its own plan line. */
const textLines = (label: string, value: unknown): string[] =>
  typeof value === 'string'
    ? value.split('\n').map((line) => `  ${label}| ${line}`)
    : [`  ${label}: ${JSON.stringify(value)}`];

/** A metric graph's `metrics` entry as one readable line: namespace, name, dimensions, options. */
function metricLine(entry: unknown): string {
  if (!Array.isArray(entry)) return JSON.stringify(entry);
  const options = isRecord(entry[entry.length - 1]) ? (entry[entry.length - 1] as Record<string, unknown>) : undefined;
  const parts = (options ? entry.slice(0, -1) : entry).map((p) => String(p));
  const [namespace, name, ...dims] = parts;
  const dimText: string[] = [];
  for (let i = 0; i < dims.length; i += 2) dimText.push(`${dims[i] ?? ''}=${dims[i + 1] ?? ''}`);
  const opts = options ? Object.entries(options).map(([k, v]) => `${k}=${JSON.stringify(v)}`) : [];
  return [namespace, name, ...dimText, ...opts].filter((p) => p !== undefined && p !== '').join(' ');
}

/** A property of a widget as one or more plan lines. */
function propertyLines(type: string, key: string, value: unknown): string[] {
  if (key === 'metrics' && Array.isArray(value)) return value.map((m) => `  metric: ${metricLine(m)}`);
  if (key === 'alarms' && Array.isArray(value)) return value.map((a) => `  alarm: ${alarmName(a)}`);
  if (key === 'annotations' && isRecord(value)) {
    return Object.keys(value)
      .sort()
      .flatMap((k) => {
        const list = value[k];
        if (!Array.isArray(list)) return [`  ${k}: ${JSON.stringify(list)}`];
        return list.map((a) =>
          k === 'alarms' ? `  alarm line: ${alarmName(a)}` : `  ${k} line: ${JSON.stringify(a)}`,
        );
      });
  }
  if ((key === 'markdown' && type === 'text') || key === 'query') return textLines(key, value);
  return [`  ${key}: ${JSON.stringify(value)}`];
}

/**
 * The body as people review it: a header per widget (its kind, title, place and size), then one line
 * per property, a metric, an alarm or a line of text per line. The plan diffs these lines, so a
 * change reads as the widget lines it touches, not as one long JSON value.
 */
export function bodyLines(text: string): string[] | undefined {
  const parsed = parseObject(text);
  if (!parsed) return undefined;
  const out: string[] = [];
  for (const key of Object.keys(parsed).sort())
    if (key !== 'widgets') out.push(`${key}: ${JSON.stringify(parsed[key])}`);
  const widgets = Array.isArray(parsed.widgets) ? parsed.widgets : [];
  for (const w of widgets) {
    if (!isRecord(w)) {
      out.push(`widget ${JSON.stringify(w)}`);
      continue;
    }
    const type = typeof w.type === 'string' ? w.type : '?';
    const props = isRecord(w.properties) ? w.properties : {};
    const title = typeof props.title === 'string' ? ` ${JSON.stringify(props.title)}` : '';
    out.push(
      `${KIND_OF_WIDGET[type] ?? type}${title} at ${String(w.x)},${String(w.y)} size ${String(w.width)}x${String(w.height)}`,
    );
    for (const key of Object.keys(props).sort()) if (key !== 'title') out.push(...propertyLines(type, key, props[key]));
    for (const key of Object.keys(w).sort())
      if (!['type', 'x', 'y', 'width', 'height', 'properties'].includes(key))
        out.push(`  ${key}: ${JSON.stringify(w[key])}`);
  }
  return out;
}

/** A body's JSON object, or undefined when the text is not one (a broken live body). */
function parseObject(text: string): Record<string, unknown> | undefined {
  try {
    const parsed: unknown = JSON.parse(text);
    return isRecord(parsed) ? parsed : undefined;
  } catch {
    return undefined;
  }
}
