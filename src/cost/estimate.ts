/**
 * The monthly estimate of a plan: what the stack costs after it, what it cost before, and the
 * difference, from the price list (prices.ts) and each kind's billed items (kinds/live.ts). Pure.
 */
import { liveOf, type BillableItem } from '../kinds/live';
import { keyId, type Plan, type ResourceSpec } from '../model';
import { pricesFor, type Tier } from './prices';

/** One item's line of the breakdown, on the stack after the plan. */
export interface CostLine {
  readonly item: BillableItem;
  readonly units: number;
  readonly unitsBefore: number;
  readonly usd: number;
  readonly usdBefore: number;
}

export interface CostEstimate {
  readonly region: string;
  /** The price list's region is the plan's own; false means us-east-1 prices were used. */
  readonly exactRegion: boolean;
  readonly source: string;
  readonly priceDate: string;
  readonly stackUsd: number;
  readonly beforeUsd: number;
  readonly deltaUsd: number;
  readonly lines: readonly CostLine[];
  /** What the counts assume (unknown dimension values, Metrics Insights, the forwarder). */
  readonly assumptions: readonly string[];
}

/** Distinct dimension values seen per resource id (keyId), from the filter checks. */
export type Cardinality = ReadonlyMap<string, number>;

const ITEMS: readonly BillableItem[] = [
  'standardAlarmMetric',
  'highResolutionAlarmMetric',
  'compositeAlarms',
  'customMetric',
  'dashboards',
  'contributorInsightsRule',
  'negligible',
];

function units(specs: readonly { spec: ResourceSpec; id: string }[], cardinality: Cardinality, notes: Set<string>) {
  const out = new Map<BillableItem, number>(ITEMS.map((i) => [i, 0]));
  for (const { spec, id } of specs) {
    for (const b of liveOf(spec).bills(spec)) {
      let count = b.count;
      if (b.perDimensionValue) {
        const seen = cardinality.get(id);
        if (seen === undefined)
          notes.add('a filter with dimensions counts as 1 metric where its values were not sampled');
        else count = b.count * Math.max(1, seen);
      }
      if (b.assumption) notes.add(b.assumption);
      out.set(b.item, (out.get(b.item) ?? 0) + count);
    }
  }
  return out;
}

/** The price of n units under tiers (each tier's bound is cumulative). */
export function tiered(n: number, tiers: readonly Tier[]): number {
  let left = n;
  let from = 0;
  let usd = 0;
  for (const t of tiers) {
    const cap = t.upTo === undefined ? left : Math.min(left, t.upTo - from);
    usd += cap * t.usd;
    left -= cap;
    from = t.upTo ?? from;
    if (left <= 0) break;
  }
  return usd;
}

/** Cents, exactly: sums of prices like 0.1 must not print as 0.30000000000000004. */
const cents = (usd: number) => Math.round(usd * 100) / 100;

export function estimateCost(plan: Plan, cardinality: Cardinality = new Map()): CostEstimate {
  const { list, exact } = pricesFor(plan.region);
  const after: { spec: ResourceSpec; id: string }[] = [];
  const before: { spec: ResourceSpec; id: string }[] = [];
  for (const c of plan.changes) {
    const id = keyId(c.key);
    if (c.action === 'noop') {
      after.push({ spec: c.before, id });
      before.push({ spec: c.before, id });
      continue;
    }
    if ('after' in c) after.push({ spec: c.after, id });
    if ('before' in c) before.push({ spec: c.before, id });
  }
  const notes = new Set<string>();
  const a = units(after, cardinality, notes);
  const b = units(before, cardinality, new Set());
  const price = (item: BillableItem, n: number) =>
    cents(tiered(Math.max(0, n - (list.free[item] ?? 0)), list.items[item]));
  const lines = ITEMS.flatMap((item): CostLine[] => {
    const ua = a.get(item) ?? 0;
    const ub = b.get(item) ?? 0;
    if (ua === 0 && ub === 0) return [];
    return [{ item, units: ua, unitsBefore: ub, usd: price(item, ua), usdBefore: price(item, ub) }];
  });
  if ((list.free.dashboards ?? 0) > 0 && (a.get('dashboards') ?? 0) > 0) {
    notes.add(`the first ${list.free.dashboards} dashboards of the account are free; the stack's are counted as those`);
  }
  if (!exact) notes.add(`no price list for ${plan.region}: priced as us-east-1`);
  const stackUsd = cents(lines.reduce((s, l) => s + l.usd, 0));
  const beforeUsd = cents(lines.reduce((s, l) => s + l.usdBefore, 0));
  return {
    region: plan.region,
    exactRegion: exact,
    source: list.source,
    priceDate: list.date,
    stackUsd,
    beforeUsd,
    deltaUsd: cents(stackUsd - beforeUsd),
    lines,
    assumptions: [...notes].sort(),
  };
}

/** "$23.10". */
export function usd(n: number): string {
  return `$${n.toFixed(2)}`;
}

/** "+$0.10/month; stack $23.10/month": the line a pull request shows. */
export function costLine(e: CostEstimate): string {
  const sign = e.deltaUsd > 0 ? '+' : e.deltaUsd < 0 ? '-' : '±';
  return `${sign}${usd(Math.abs(e.deltaUsd))}/month; stack ${usd(e.stackUsd)}/month`;
}
