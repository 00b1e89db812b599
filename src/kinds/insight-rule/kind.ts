import type { KindInfo } from '../kind';
import { insightRuleArn } from './arn';
import { definitionLines } from './definition';
import { insightRuleIam } from './iam';

/**
 * Contributor Insights rules: keyed by name, region-wide. The definition reads as indented JSON lines
 * in a plan, on a create as on an update; deleting a rule loses the contributor data it gathered.
 */
export const insightRuleInfo: KindInfo<'insightRule'> = {
  kind: 'insightRule',
  label: 'Contributor Insights rule',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  nameSpace: {
    id: 'insightRule',
    label: 'Contributor Insights rule',
    referenceHint: ' (INSIGHT_RULE_METRIC reads a rule of these files: declare it under contributorInsights:)',
  },
  hasHistory: true,
  deleteLoses: 'its contributor data is lost',
  renameField: 'name',
  lineFields: { definition: definitionLines },
  linesOnCreate: true,
  arn: (key, accountId) => insightRuleArn(key.region, accountId, key.name),
  declares: (spec) => [['insightRules', spec.name]],
  iam: insightRuleIam,
  // AWS's quotas page gives these calls no rate of their own: paced as CloudWatch's slower writes, an assumption.
  quotas: {
    'CloudWatch.PutInsightRule': 5,
    'CloudWatch.DescribeInsightRules': 5,
    'CloudWatch.DeleteInsightRules': 5,
    'CloudWatch.EnableInsightRules': 5,
    'CloudWatch.DisableInsightRules': 5,
  },
};

declare module '../kind' {
  interface DeclaredScopes {
    /** Contributor Insights rules the files declare: unowned ones are read for adopt. */
    insightRules: true;
  }
}
