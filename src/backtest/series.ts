/**
 * Long series made short for charts: the periods are split into at most N buckets of consecutive
 * periods, and each bucket shows the value that decides the alarm — the maximum for a ">"/">=" alarm,
 * the minimum for a "<"/"<=" one — so a breach is never averaged away. A bucket with no datapoint is null.
 */
import type { SeriesPoint } from './types';

export interface Downsampled {
  readonly values: readonly (number | null)[];
  /** Periods per bucket (the last bucket may hold fewer); 1 when nothing was merged. */
  readonly perBucket: number;
  readonly how: 'max' | 'min';
}

export function downsample(series: readonly SeriesPoint[], buckets: number, comparison: string): Downsampled {
  const how = comparison.startsWith('Less') ? 'min' : 'max';
  const n = series.length;
  if (n <= buckets) return { values: series.map((p) => p.value), perBucket: 1, how };
  const perBucket = Math.ceil(n / buckets);
  const values: (number | null)[] = [];
  for (let i = 0; i < n; i += perBucket) {
    const real = series.slice(i, i + perBucket).flatMap((p) => (p.value === null ? [] : [p.value]));
    values.push(real.length === 0 ? null : how === 'max' ? Math.max(...real) : Math.min(...real));
  }
  return { values, perBucket, how };
}

const BLOCKS = '▁▂▃▄▅▆▇█';

/** A one-line sparkline from min(0, lowest) to the highest value; a bucket with no datapoint is a middle dot. */
export function sparkline(values: readonly (number | null)[]): string {
  const real = values.flatMap((v) => (v === null ? [] : [v]));
  // From zero for a metric that never goes below it, so a steady 10 reads as high, not as the floor.
  const lo = Math.min(0, ...real);
  const hi = Math.max(...real);
  return values
    .map((v) => {
      if (v === null) return '·';
      const i = hi === lo ? 0 : Math.round(((v - lo) / (hi - lo)) * (BLOCKS.length - 1));
      return BLOCKS[i] as string;
    })
    .join('');
}

/** A number short enough for a chart, in plain notation. */
export function short(v: number): string {
  const r = Number(v.toPrecision(4));
  return Math.abs(r) >= 1e15 || (r !== 0 && Math.abs(r) < 1e-6) ? r.toExponential(3).replace('+', '') : String(r);
}
