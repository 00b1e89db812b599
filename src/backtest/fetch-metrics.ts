/**
 * Metric history through GetMetricData: single-metric queries batched (at most 500 per call, and at most
 * 100,800 datapoints per call, both from the GetMetricData API reference), every call paged with
 * NextToken, calls spaced by a pacer so a backtest stays well inside the read quota.
 */
import { PageGuard } from '../aws/paging';
import { GetMetricDataCommand, type CloudWatchClient, type MetricDataQuery } from '@aws-sdk/client-cloudwatch';
import { MonitorsError } from '../model';

/** "You can include up to 500 MetricDataQuery structures in one GetMetricData call." */
export const MAX_QUERIES_PER_CALL = 500;
/** "A GetMetricData operation that includes a MetricDataQuery ... can retrieve ... up to 100,800 data points." */
export const MAX_DATAPOINTS_PER_CALL = 100_800;

/** One series to fetch: either one metric statistic, or a metric-math alarm's queries (sent alone). */
export interface SeriesRequest {
  readonly key: string;
  readonly from: number;
  readonly to: number;
  readonly period: number;
  /** A single metric: its query without Id; metric math: all of the alarm's queries, ids as declared. */
  readonly query:
    | { readonly kind: 'stat'; readonly stat: Omit<MetricDataQuery, 'Id'> }
    | { readonly kind: 'math'; readonly queries: readonly MetricDataQuery[]; readonly resultId: string };
}

export type SeriesResult =
  | { readonly ok: true; readonly points: readonly { readonly timestamp: number; readonly value: number }[] }
  | { readonly ok: false; readonly error: string };

/** Waits so calls are at least `intervalMs` apart; injected so tests need not sleep. */
export type Pacer = () => Promise<void>;

export function intervalPacer(
  intervalMs: number,
  sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms)),
): Pacer {
  let last = 0;
  return async () => {
    const wait = last + intervalMs - Date.now();
    if (wait > 0) await sleep(wait);
    last = Date.now();
  };
}

/** How many single-metric queries fit in one call for a window: 500, fewer when the datapoints would not fit. */
export function queriesPerCall(from: number, to: number, period: number): number {
  const points = Math.max(1, Math.ceil((to - from) / (period * 1000)));
  return Math.max(1, Math.min(MAX_QUERIES_PER_CALL, Math.floor(MAX_DATAPOINTS_PER_CALL / points)));
}

/** Pages of one GetMetricData query: 14 days of one-minute points is a handful of pages. */
const MAX_METRIC_PAGES = 200;

/** Fetches every request; returns the series by key and the number of GetMetricData calls made. */
export async function fetchSeries(
  client: CloudWatchClient,
  requests: readonly SeriesRequest[],
  pace: Pacer,
): Promise<{ results: Map<string, SeriesResult>; calls: number }> {
  const results = new Map<string, SeriesResult>();
  let calls = 0;
  const call = async (queries: MetricDataQuery[], from: number, to: number) => {
    const byId = new Map<string, { timestamps: number[]; values: number[]; error?: string }>();
    let token: string | undefined;
    // GetMetricData is billed per metric per page: a cap, and no token twice.
    const guard = new PageGuard('CloudWatch.GetMetricData', MAX_METRIC_PAGES);
    do {
      guard.next(token);
      await pace();
      calls += 1;
      const out = await client.send(
        new GetMetricDataCommand({
          MetricDataQueries: queries,
          StartTime: new Date(from),
          EndTime: new Date(to),
          ScanBy: 'TimestampAscending',
          NextToken: token,
        }),
      );
      for (const r of out.MetricDataResults ?? []) {
        const id = r.Id ?? '';
        const acc = byId.get(id) ?? { timestamps: [], values: [] };
        (r.Timestamps ?? []).forEach((t, i) => {
          const v = r.Values?.[i];
          if (v !== undefined && Number.isFinite(v)) {
            acc.timestamps.push(t.getTime());
            acc.values.push(v);
          }
        });
        if (r.StatusCode === 'InternalError' || r.StatusCode === 'Forbidden') {
          acc.error = `${r.StatusCode}: ${(r.Messages ?? []).map((m) => `${m.Code ?? ''} ${m.Value ?? ''}`.trim()).join('; ') || 'no message'}`;
        }
        byId.set(id, acc);
      }
      token = out.NextToken;
    } while (token);
    return byId;
  };
  const toResult = (got: { timestamps: number[]; values: number[]; error?: string } | undefined): SeriesResult =>
    !got
      ? { ok: false, error: 'GetMetricData returned no result for the query' }
      : got.error
        ? { ok: false, error: got.error }
        : { ok: true, points: got.timestamps.map((timestamp, i) => ({ timestamp, value: got.values[i] as number })) };

  // Single-metric queries share a call when they share a window.
  const groups = new Map<string, SeriesRequest[]>();
  for (const r of requests) {
    if (r.query.kind === 'math') continue;
    const k = `${r.from}/${r.to}/${r.period}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) {
    const first = group[0] as SeriesRequest;
    const size = queriesPerCall(first.from, first.to, first.period);
    for (let i = 0; i < group.length; i += size) {
      const batch = group.slice(i, i + size);
      const queries = batch.map((r, j) => ({
        ...(r.query.kind === 'stat' ? r.query.stat : {}),
        Id: `m${j}`,
        ReturnData: true,
      }));
      const byId = await call(queries, first.from, first.to);
      batch.forEach((r, j) => results.set(r.key, toResult(byId.get(`m${j}`))));
    }
  }
  // A math alarm's expressions name its query ids, so its queries go in a call of their own, ids untouched.
  for (const r of requests) {
    if (r.query.kind !== 'math') continue;
    if (r.query.queries.length > MAX_QUERIES_PER_CALL) {
      throw new MonitorsError('USAGE', `metric math with more than ${MAX_QUERIES_PER_CALL} queries cannot be fetched`);
    }
    const byId = await call([...r.query.queries], r.from, r.to);
    results.set(r.key, toResult(byId.get(r.query.resultId)));
  }
  return { results, calls };
}
