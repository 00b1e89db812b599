/**
 * Period alignment. CloudWatch aggregates a metric into periods that start at multiples of the period
 * since the epoch: GetMetricStatistics rounds StartTime down to such a boundary ("data points with a period
 * of 60 seconds ... start time is rounded down to the nearest minute"; "a period of 300 seconds ... to the
 * nearest 5-minute clock interval", https://docs.aws.amazon.com/AmazonCloudWatch/latest/APIReference/API_GetMetricStatistics.html).
 * Our reading for alarms: the same alignment, a datapoint at exactly a boundary belonging to the period
 * that starts there, and each period evaluated once it has ended.
 */

/** The start (ms since epoch) of the period holding a timestamp. */
export function periodStart(timestampMs: number, periodSeconds: number): number {
  const p = periodSeconds * 1000;
  return Math.floor(timestampMs / p) * p;
}

/** Values grouped by the period they fall in, keyed by the period's start. */
export function groupByPeriod(
  points: readonly { readonly timestamp: number; readonly value: number }[],
  periodSeconds: number,
): Map<number, number[]> {
  const out = new Map<number, number[]>();
  for (const dp of points) {
    const start = periodStart(dp.timestamp, periodSeconds);
    const list = out.get(start);
    if (list) list.push(dp.value);
    else out.set(start, [dp.value]);
  }
  return out;
}
