import type { IamScope, KindIam } from '../iam';

/** Both ARN forms of each log group the files put a data-protection policy on. */
function protectedLogGroupArns(at: IamScope): string[] {
  return at
    .declared('dataProtectionLogGroups')
    .flatMap((name) => [
      `arn:aws:logs:${at.region}:${at.account}:log-group:${name}`,
      `arn:aws:logs:${at.region}:${at.account}:log-group:${name}:*`,
    ]);
}

/**
 * A data-protection policy has no ARN and no tags: IAM authorises its calls on its log group. Reads
 * are on log groups (the reader asks only of the log groups in the stack's scope); Put and Delete
 * are tied to the stack's tag on the log group, like the log-group kind's own writes, and a Put is
 * also allowed on the log groups the files protect (an adopted log group, before it carries the tag).
 */
export const dataProtectionPolicyIam: KindIam = {
  arns: (at) => [`arn:aws:logs:${at.region}:${at.account}:log-group:*`],
  reads: ['logs:GetDataProtectionPolicy'],
  ownedWrites: ['logs:PutDataProtectionPolicy', 'logs:DeleteDataProtectionPolicy'],
  arnScoped: {
    sid: 'MonitorsDataProtectionOnDeclaredLogGroups',
    actions: ['logs:PutDataProtectionPolicy', 'logs:DeleteDataProtectionPolicy'],
    arns: protectedLogGroupArns,
  },
  limits: [
    'Data-protection policies cannot be tagged: PutDataProtectionPolicy/DeleteDataProtectionPolicy are allowed on log groups carrying the stack\'s tag and on those the files protect, so on a protected log group shared with another stack this role could change that policy. An audit destination (S3, Firehose, a log group) is not granted by this policy: AWS checks it with the caller\'s own rights (see the CloudWatch Logs guide, "Data protection policies").',
  ],
};
