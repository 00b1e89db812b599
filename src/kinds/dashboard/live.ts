import type { DashboardSpec } from './spec';
import type { KindLive } from '../live-types';

/** A dashboard is billed per month past the account's free ones (the price list holds how many). */
export const dashboardLive: KindLive<DashboardSpec> = {
  bills: () => [{ item: 'dashboards', count: 1 }],
};
