/** The `slos:` section of a monitors file after schema validation (schema/monitors.schema.json). */

/** A metric as an SLI names it: "Namespace/Name", or with dimensions and a statistic. */
export type RawSloMetric =
  string | { metric: string; dimensions?: Record<string, string>; stat?: 'Sum' | 'SampleCount' };

/** One side of a ratio: a metric, or an expression over the SLI's `metrics:`. */
export type RawSliSide = RawSloMetric | { expression: string };

export interface RawSli {
  good?: RawSliSide;
  bad?: RawSliSide;
  total?: RawSliSide;
  metrics?: Record<string, RawSloMetric>;
  latency?: { metric: string; dimensions?: Record<string, string>; threshold: number };
}

export interface RawBurnAlert {
  severity: 'page' | 'ticket';
  factor: number;
  long: string;
  short: string;
}

export interface RawSlo {
  name: string;
  description?: string;
  target: number;
  window?: string;
  sli: RawSli;
  page?: string | string[];
  ticket?: string | string[];
  suppressPageWhile?: string;
  policy?: RawBurnAlert[];
  tags?: Record<string, string>;
}
