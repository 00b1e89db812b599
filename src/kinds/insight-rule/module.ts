import { contributorInsightsForm } from './build';
import { insightRuleInfo } from './kind';
import { insightRuleLive } from './live';
import { insightRuleUnbuild } from './unbuild';
import type { KindModule } from '../module';

/** Contributor Insights rules (`contributorInsights:`): before metric alarms, which may read one (INSIGHT_RULE_METRIC). */
export const insightRuleModule: KindModule = {
  folder: 'insight-rule',
  kinds: { insightRule: { info: insightRuleInfo, unbuild: insightRuleUnbuild, live: insightRuleLive } },
  forms: [contributorInsightsForm],
  // Named like alarms, and selected by the same prefixes.
  scopes: { insightRules: 'alarmPrefix' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
