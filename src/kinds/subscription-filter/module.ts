import { subscriptionFiltersForm } from './build';
import { subscriptionFilterQuota } from './checks';
import { subscriptionFilterInfo } from './kind';
import { subscriptionFilterUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const subscriptionFilterModule: KindModule = {
  folder: 'subscription-filter',
  kinds: {
    subscriptionFilter: { info: subscriptionFilterInfo, unbuild: subscriptionFilterUnbuild },
  },
  forms: [subscriptionFiltersForm],
  checks: [
    // Two per log group.
    subscriptionFilterQuota,
  ],
  // A destination and role are only named in the policy, never read: the filter is selected by its log group alone.
  scopes: { subscriptionFunctions: 'always', subscriptionRoles: 'always' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
