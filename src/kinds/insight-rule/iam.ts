import type { IamScope, KindIam } from '../iam';

/** Every Contributor Insights rule of the account and region. */
const rules = (at: IamScope) => [`arn:aws:cloudwatch:${at.region}:${at.account}:insight-rule/*`];

/** The rules the stack declares: the only names a create (or adoption's first write) may use. */
const declaredRules = (at: IamScope) =>
  at.declared('insightRules').map((name) => `arn:aws:cloudwatch:${at.region}:${at.account}:insight-rule/${name}`);

/**
 * Contributor Insights rules: tagged, so updates and deletes are tied to the stack's tag; created
 * only under the names the files declare. DescribeInsightRules has no resource type (on "*").
 */
export const insightRuleIam: KindIam = {
  arns: rules,
  wildcardReads: ['cloudwatch:DescribeInsightRules'],
  reads: ['cloudwatch:ListTagsForResource'],
  ownedWrites: [
    'cloudwatch:PutInsightRule',
    'cloudwatch:DeleteInsightRules',
    'cloudwatch:EnableInsightRules',
    'cloudwatch:DisableInsightRules',
  ],
  tagging: { tag: 'cloudwatch:TagResource', untag: 'cloudwatch:UntagResource' },
  creates: ['cloudwatch:PutInsightRule'],
  createArns: declaredRules,
  limits: [
    'Contributor Insights rules are created and adopted only under the names the stack declares: adding one means re-printing and re-attaching the policy.',
  ],
};
