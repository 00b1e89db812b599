/**
 * The metrics that exist, per namespace, from ListMetrics: one paged listing per namespace (500 per
 * page), cached for the run. A namespace larger than the page budget (AWS/EC2 in a big account) is
 * listed by namespace and metric name instead, for the names the checks need.
 */
import { ListMetricsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import type { Pacer } from '../backtest/fetch-metrics';
import type { SeriesRef } from './types';

/** The metrics of one namespace the listing saw; `complete` when every page was read. */
export interface NamespaceCatalog {
  readonly complete: boolean;
  readonly metrics: readonly SeriesRef[];
}

/** Pages one namespace may take before the listing narrows to metric names (10 pages: 5,000 metrics). */
export const PAGES_PER_NAMESPACE = 10;

async function list(
  client: CloudWatchClient,
  input: { Namespace: string; MetricName?: string },
  maxPages: number,
  pace: Pacer,
): Promise<NamespaceCatalog> {
  const metrics: SeriesRef[] = [];
  let token: string | undefined;
  let pages = 0;
  do {
    if (pages >= maxPages) return { complete: false, metrics };
    await pace();
    pages += 1;
    const out = await client.send(new ListMetricsCommand({ ...input, NextToken: token }));
    for (const m of out.Metrics ?? []) {
      if (!m.MetricName) continue;
      const dimensions: Record<string, string> = {};
      for (const d of m.Dimensions ?? []) if (d.Name !== undefined) dimensions[d.Name] = d.Value ?? '';
      metrics.push({ namespace: m.Namespace ?? input.Namespace, metricName: m.MetricName, dimensions });
    }
    token = out.NextToken;
  } while (token);
  return { complete: true, metrics };
}

/** Lists what the wanted metrics need: each namespace once, then the names a capped namespace missed. */
export async function readCatalog(
  client: CloudWatchClient,
  wanted: readonly SeriesRef[],
  pace: Pacer,
  pagesPerNamespace = PAGES_PER_NAMESPACE,
): Promise<Map<string, NamespaceCatalog>> {
  const out = new Map<string, NamespaceCatalog>();
  const namespaces = [...new Set(wanted.map((w) => w.namespace))].sort();
  for (const ns of namespaces) {
    const got = await list(client, { Namespace: ns }, pagesPerNamespace, pace);
    if (got.complete) {
      out.set(ns, got);
      continue;
    }
    // The pages read may hold only some of a wanted name's series: list each wanted name in full.
    const names = new Set(wanted.filter((w) => w.namespace === ns).map((w) => w.metricName));
    const metrics = got.metrics.filter((m) => !names.has(m.metricName));
    for (const name of [...names].sort()) {
      metrics.push(...(await list(client, { Namespace: ns, MetricName: name }, pagesPerNamespace, pace)).metrics);
    }
    out.set(ns, { complete: false, metrics });
  }
  return out;
}
