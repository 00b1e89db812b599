import type { IamScope, KindIam } from '../iam';

/**
 * Both ARN forms of each log group the stack declares or its metric filters read: IAM checks some
 * log-group calls against "log-group:NAME" and others against "log-group:NAME:*".
 */
export function declaredLogGroupArns(at: IamScope): string[] {
  const names = [...new Set([...at.declared('logGroups'), ...at.declared('filterLogGroups')])].sort();
  return names.flatMap((name) => [
    `arn:aws:logs:${at.region}:${at.account}:log-group:${name}`,
    `arn:aws:logs:${at.region}:${at.account}:log-group:${name}:*`,
  ]);
}

/** Log groups: tagged, so owned writes are tied to the stack's tag; created only under declared names. */
export const logGroupIam: KindIam = {
  arns: (at) => [`arn:aws:logs:${at.region}:${at.account}:log-group:*`],
  wildcardReads: ['logs:DescribeLogGroups'],
  reads: ['logs:ListTagsForResource'],
  ownedWrites: [
    'logs:DeleteLogGroup',
    'logs:PutRetentionPolicy',
    'logs:DeleteRetentionPolicy',
    'logs:AssociateKmsKey',
    'logs:DisassociateKmsKey',
  ],
  tagging: { tag: 'logs:TagResource', untag: 'logs:UntagResource' },
  creates: ['logs:CreateLogGroup'],
  createArns: declaredLogGroupArns,
  limits: [
    'Log groups are created and adopted only under the names the stack declares: adding one means re-printing and re-attaching the policy.',
  ],
};
