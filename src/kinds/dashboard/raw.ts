/** The `dashboards:` section after schema validation (schema/monitors.schema.json). */

export interface RawDashboardMetric {
  namespace: string;
  name: string;
  dimensions?: Record<string, string>;
  stat?: string;
  period?: number | string;
  label?: string;
}

export interface RawGraph {
  title?: string;
  /** One alarm: CloudWatch draws its metric and its threshold line. */
  alarm?: string;
  metrics?: RawDashboardMetric[];
  /** A horizontal line: a value, or a value with its label. */
  threshold?: number | { value: number; label?: string };
  view?: string;
  stacked?: boolean;
  period?: number | string;
}

export interface RawAlarmStatus {
  title?: string;
  alarms: string[];
}

export interface RawLogs {
  title?: string;
  logGroups: string[];
  query: string;
  view?: string;
}

export interface RawText {
  markdown: string;
}

export interface RawWidget {
  graph?: RawGraph;
  alarms?: RawAlarmStatus;
  logs?: RawLogs;
  text?: RawText;
  x?: number;
  y?: number;
  width?: number;
  height?: number;
}

export interface RawDashboard {
  name: string;
  start?: string;
  periodOverride?: string;
  widgets: RawWidget[];
}
