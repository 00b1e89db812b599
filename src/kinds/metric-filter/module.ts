import { metricFiltersForm } from './build';
import { doubleCounts, filterQuotaChecks } from './checks';
import { metricFilterInfo } from './kind';
import { metricFilterLive } from './live';
import { metricFilterUnbuild } from './unbuild';
import { doubleCountGuards } from './double-count';
import type { KindModule } from '../module';

export const metricFilterModule: KindModule = {
  folder: 'metric-filter',
  kinds: {
    metricFilter: { info: metricFilterInfo, unbuild: metricFilterUnbuild, live: metricFilterLive },
  },
  forms: [metricFiltersForm],
  checks: [filterQuotaChecks, doubleCounts],
  planSteps: [
    // One filter emitting what another filter on its log group already emits is refused.
    { guards: (desired, live) => doubleCountGuards(desired, live.otherFilters ?? [], live.otherFilterOwners) },
  ],
  // A filter is selected by its log group.
  scopes: { filterLogGroups: 'logGroupPrefix', filters: 'filterLogGroup' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
