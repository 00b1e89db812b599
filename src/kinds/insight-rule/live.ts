import type { KindLive } from '../live-types';
import type { InsightRuleSpec } from './spec';

/**
 * An enabled rule is billed per month (the price list's contributorInsightsRule), and per million log
 * events it matches, which the estimate cannot know. A disabled rule is billed nothing.
 */
export const insightRuleLive: KindLive<InsightRuleSpec> = {
  bills: (spec) =>
    spec.enabled
      ? [
          {
            item: 'contributorInsightsRule',
            count: 1,
            assumption: 'per rule; the log events it matches are billed on top',
          },
        ]
      : [],
};
