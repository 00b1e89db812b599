/**
 * CloudWatch's public prices, kept as data: the estimate makes no network call. Figures are AWS's
 * list prices per month for US East (N. Virginia), from https://aws.amazon.com/cloudwatch/pricing/
 * (read 2026-12-07). Other regions have their own tab on that page; a region not listed here is
 * priced as us-east-1 and the estimate says so.
 */
import type { BillableItem } from '../kinds/live';

/** A tier: `upTo` units (cumulative, across the stack) at `usd` each; the last tier has no bound. */
export interface Tier {
  readonly upTo?: number;
  readonly usd: number;
}

export interface PriceList {
  readonly source: string;
  readonly date: string;
  /** USD per unit per month, tiered where AWS tiers it. */
  readonly items: { readonly [I in BillableItem]: readonly Tier[] };
  /** Units of an item AWS gives free per account; subtracted only where the issue of a stack is clear (dashboards). */
  readonly free: Partial<Record<BillableItem, number>>;
}

const US_EAST_1: PriceList = {
  source: 'https://aws.amazon.com/cloudwatch/pricing/',
  date: '2026-12-07',
  items: {
    standardAlarmMetric: [{ usd: 0.1 }],
    highResolutionAlarmMetric: [{ usd: 0.3 }],
    compositeAlarms: [{ usd: 0.5 }],
    customMetric: [
      { upTo: 10_000, usd: 0.3 },
      { upTo: 250_000, usd: 0.1 },
      { upTo: 1_000_000, usd: 0.05 },
      { usd: 0.02 },
    ],
    dashboards: [{ usd: 3 }],
    contributorInsightsRule: [{ usd: 0.5 }],
    negligible: [{ usd: 0 }],
  },
  // The free tier is per account: the stack is rarely alone in it, so only the dashboards' three are
  // taken off (as the console shows them); alarms' and metrics' ten are not.
  free: { dashboards: 3 },
};

/** Prices per region; absent regions fall back to us-east-1 (stated in the estimate). */
export const PRICES: Readonly<Record<string, PriceList>> = {
  'us-east-1': US_EAST_1,
  // US East (Ohio) and US West (Oregon) list the same CloudWatch prices as N. Virginia.
  'us-east-2': US_EAST_1,
  'us-west-2': US_EAST_1,
};

/** The price list of a region, and whether it is that region's own. */
export function pricesFor(region: string): { readonly list: PriceList; readonly exact: boolean } {
  const list = PRICES[region];
  return list ? { list, exact: true } : { list: US_EAST_1, exact: false };
}
