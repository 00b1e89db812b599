import { recordAdoptedFilters } from './apply-step';
import { metricFilterHandler } from './handler';
import { metricFilterReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { metricFilter: metricFilterHandler },
  readers: [metricFilterReader],
  applySteps: [recordAdoptedFilters],
};
