import { dashboardHandler } from './handler';
import { dashboardReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { dashboard: dashboardHandler },
  readers: [dashboardReader],
};
