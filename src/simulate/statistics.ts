/**
 * CloudWatch statistics over the raw values of one period.
 *
 * Source for every definition here: "CloudWatch statistics definitions"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html).
 * The simulator sees every raw value, so it computes exact statistics; CloudWatch itself may answer
 * percentiles of large or pre-aggregated sets from an approximation, which no offline tool can copy.
 */

/** A boundary of a TM/WM/TC/TS/PR range: a percentage of the sorted values, or an absolute value. */
export interface Bound {
  readonly value: number;
  readonly percent: boolean;
}

/** A statistic as CloudWatch names it, parsed. */
export type Statistic =
  | { readonly kind: 'SampleCount' | 'Sum' | 'Average' | 'Minimum' | 'Maximum' }
  | { readonly kind: 'percentile'; readonly p: number }
  | {
      readonly kind: 'TM' | 'WM' | 'TC' | 'TS' | 'PR';
      readonly lower?: Bound;
      readonly upper?: Bound;
    };

const BASIC = ['SampleCount', 'Sum', 'Average', 'Minimum', 'Maximum'] as const;

function bound(text: string): Bound | undefined {
  const t = text.trim();
  if (t === '') return undefined;
  const percent = t.endsWith('%');
  const value = Number(percent ? t.slice(0, -1) : t);
  if (!Number.isFinite(value)) throw new Error(`not a number: ${t}`);
  return { value, percent };
}

/**
 * Parses `Sum`, `p99`, `p99.9`, `tm90`, `wm98`, `tc90`, `ts90`, `IQM`, `TM(10%:90%)`, `PR(:300)`, ...
 * Returns undefined for a name CloudWatch does not define.
 */
export function parseStatistic(name: string): Statistic | undefined {
  const basic = BASIC.find((b) => b === name);
  if (basic) return { kind: basic };
  if (name === 'IQM') {
    // "IQM ... is equivalent to TM(25%:75%)" (Statistics definitions).
    return { kind: 'TM', lower: { value: 25, percent: true }, upper: { value: 75, percent: true } };
  }
  const p = /^p(\d+(?:\.\d+)?)$/.exec(name);
  if (p) {
    const value = Number(p[1]);
    return value >= 0 && value <= 100 ? { kind: 'percentile', p: value } : undefined;
  }
  // Shorthand: "tm90" is the mean after removing the highest 10%, i.e. TM(:90%); same for wm, tc, ts.
  const short = /^(tm|wm|tc|ts)(\d+(?:\.\d+)?)$/.exec(name);
  if (short) {
    const value = Number(short[2]);
    if (value < 0 || value > 100) return undefined;
    return { kind: (short[1] as string).toUpperCase() as 'TM', upper: { value, percent: true } };
  }
  const range = /^(TM|WM|TC|TS|PR)\(([^:()]*):([^:()]*)\)$/.exec(name);
  if (range) {
    try {
      const lower = bound(range[2] as string);
      const upper = bound(range[3] as string);
      if (!lower && !upper) return undefined;
      // PR takes absolute values only ("PR(:300)", "PR(100:2000)").
      if (range[1] === 'PR' && (lower?.percent || upper?.percent)) return undefined;
      return { kind: range[1] as 'TM', lower, upper };
    } catch {
      return undefined;
    }
  }
  return undefined;
}

/**
 * The percentile by nearest rank. The documentation defines p95 as "95 percent of the data within the
 * period is lower than this value" without naming an interpolation; we read it as the smallest value
 * with at least p% of the values at or below it, which is always one of the reported values.
 */
function percentile(sorted: readonly number[], p: number): number {
  // Rounded first: 99.9% of 1000 is 999, not the 999.0000000000001 that floating point makes of it.
  const rank = Math.max(1, Math.ceil(roundOff((p / 100) * sorted.length)));
  return sorted[Math.min(rank, sorted.length) - 1] as number;
}

/**
 * Which sorted values fall inside a range. Percent bounds are positions in the sorted values; absolute
 * bounds compare values. Both bounds follow the documented rule for PR, "exclusive on the lower bound and
 * inclusive on the upper bound", and the TM example agrees: TM(150:1000) "removes all data points that
 * are lower than or equal to 150, or higher than 1000".
 */
function inRange(sorted: readonly number[], lower?: Bound, upper?: Bound): boolean[] {
  const n = sorted.length;
  return sorted.map((v, i) => {
    const position = roundOff(((i + 1) / n) * 100);
    const above = !lower || (lower.percent ? position > lower.value : v > lower.value);
    const below = !upper || (upper.percent ? position <= upper.value : v <= upper.value);
    return above && below;
  });
}

/** Drops floating-point noise below 1e-9 so that ranks and positions compare as the decimals they are. */
const roundOff = (x: number) => Math.round(x * 1e9) / 1e9;

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The statistic of one period's values; undefined when the period has no value to report. */
export function computeStatistic(stat: Statistic, values: readonly number[]): number | undefined {
  if (values.length === 0) return undefined;
  switch (stat.kind) {
    case 'SampleCount':
      return values.length;
    case 'Sum':
      return sum(values);
    case 'Average':
      return sum(values) / values.length;
    case 'Minimum':
      return Math.min(...values);
    case 'Maximum':
      return Math.max(...values);
    case 'percentile':
      return percentile(
        [...values].sort((a, b) => a - b),
        stat.p,
      );
    case 'TM':
    case 'TC':
    case 'TS': {
      const sorted = [...values].sort((a, b) => a - b);
      const mask = inRange(sorted, stat.lower, stat.upper);
      const kept = sorted.filter((_, i) => mask[i]);
      if (stat.kind === 'TC') return kept.length;
      if (kept.length === 0) return undefined;
      return stat.kind === 'TS' ? sum(kept) : sum(kept) / kept.length;
    }
    case 'WM': {
      // "Values outside of the boundaries ... are considered to be equal to the value at the edge of the
      // appropriate boundary." For percent bounds the edge is the nearest kept value; for absolute bounds,
      // the bound itself (our reading: the documentation only gives percent examples).
      const sorted = [...values].sort((a, b) => a - b);
      const mask = inRange(sorted, stat.lower, stat.upper);
      const kept = sorted.filter((_, i) => mask[i]);
      if (kept.length === 0) return undefined;
      const low = stat.lower && !stat.lower.percent ? stat.lower.value : (kept[0] as number);
      const high = stat.upper && !stat.upper.percent ? stat.upper.value : (kept[kept.length - 1] as number);
      const first = mask.indexOf(true);
      return sum(sorted.map((v, i) => (mask[i] ? v : i < first ? low : high))) / sorted.length;
    }
    case 'PR': {
      // "The percentage of values that meet a fixed threshold": PR(:300) is the share of values <= 300.
      const mask = inRange(
        [...values].sort((a, b) => a - b),
        stat.lower,
        stat.upper,
      );
      return (mask.filter(Boolean).length / values.length) * 100;
    }
  }
}

/**
 * For percentile alarms with EvaluateLowSampleCountPercentile = ignore: whether a period has too few
 * samples. "For percentiles between 0.5 and 1.00, this setting is used when there are fewer than
 * 10/(1-percentile) data points ... For percentiles between 0 and 0.5, ... fewer than 10/percentile"
 * (Using Amazon CloudWatch alarms, "Percentile-based alarms and low data samples").
 */
export function lowSampleCount(stat: Statistic, sampleCount: number): boolean {
  if (stat.kind !== 'percentile') return false;
  const q = stat.p / 100;
  if (q >= 0.5) return q < 1 && sampleCount < roundOff(10 / (1 - q));
  return q > 0 && sampleCount < roundOff(10 / q);
}
