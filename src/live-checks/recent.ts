/**
 * Has an existing series had data lately, at the resolution the alarm reads it? One GetMetricData
 * query per series (SampleCount per day over the window: 14 points, so 500 queries fit one call),
 * a second with the alarm's unit when it sets one, and for sub-minute periods a short window at
 * that period to see whether the data has sub-minute timestamps at all.
 */
import type { CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { fetchSeries, type Pacer, type SeriesRequest, type SeriesResult } from '../backtest/fetch-metrics';
import type { MetricRead } from '../kinds/live';

export const RECENT_DAYS = 14;
const DAY = 86_400_000;
/** The window that shows a series' resolution: three hours at the alarm's period. */
const RESOLUTION_WINDOW = 3 * 3_600_000;

export interface RecentData {
  /** Datapoints (samples) in the window; undefined when the query failed. */
  readonly samples?: number;
  /** Samples with the alarm's unit, when it sets one. */
  readonly samplesInUnit?: number;
  /** 60 when a sub-minute period found only minute-aligned data; undefined otherwise. */
  readonly resolution?: number;
}

const dims = (d: Readonly<Record<string, string>>) => Object.entries(d).map(([Name, Value]) => ({ Name, Value }));

function query(r: MetricRead, period: number, unit: string | undefined): SeriesRequest['query'] {
  return {
    kind: 'stat',
    stat: {
      MetricStat: {
        Metric: { Namespace: r.namespace, MetricName: r.metricName, Dimensions: dims(r.dimensions) },
        Period: period,
        Stat: 'SampleCount',
        ...(unit ? { Unit: unit as never } : {}),
      },
    },
  };
}

const sum = (res: SeriesResult | undefined) => (res?.ok ? res.points.reduce((s, p) => s + p.value, 0) : undefined);

/** Reads the recent data of each series; returns them in order and the calls made. */
export async function readRecent(
  client: CloudWatchClient,
  reads: readonly MetricRead[],
  pace: Pacer,
  now: number,
): Promise<{ data: RecentData[]; calls: number }> {
  const to = Math.ceil(now / 60_000) * 60_000;
  const from = to - RECENT_DAYS * DAY;
  const requests: SeriesRequest[] = [];
  reads.forEach((r, i) => {
    requests.push({ key: `all|${i}`, from, to, period: 86_400, query: query(r, 86_400, undefined) });
    if (r.unit) requests.push({ key: `unit|${i}`, from, to, period: 86_400, query: query(r, 86_400, r.unit) });
    if (r.period < 60) {
      requests.push({
        key: `res|${i}`,
        from: to - RESOLUTION_WINDOW,
        to,
        period: r.period,
        query: query(r, r.period, undefined),
      });
    }
  });
  const { results, calls } = await fetchSeries(client, requests, pace);
  const data = reads.map((r, i): RecentData => {
    const res = results.get(`res|${i}`);
    const minuteAligned = res?.ok && res.points.length > 0 && res.points.every((p) => p.timestamp % 60_000 === 0);
    return {
      samples: sum(results.get(`all|${i}`)),
      ...(r.unit ? { samplesInUnit: sum(results.get(`unit|${i}`)) } : {}),
      ...(minuteAligned ? { resolution: 60 } : {}),
    };
  });
  return { data, calls };
}
