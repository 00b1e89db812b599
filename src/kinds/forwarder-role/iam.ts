import type { IamScope, KindIam } from '../iam';
import { FORWARDER_ROLE_PATH } from '../forwarder-function/names';

const roleArn = (at: IamScope, name: string) => `arn:aws:iam::${at.account}:role${FORWARDER_ROLE_PATH}${name}`;

/**
 * The forwarder's role: IAM is global, so its reads and owned writes cover every forwarder role of the
 * account (under the /monitors/ path), tied to the stack's tag; created, and passed to Lambda, only
 * under the name the stack's chat destinations give it.
 */
export const forwarderRoleIam: KindIam = {
  arns: (at) => [`arn:aws:iam::${at.account}:role${FORWARDER_ROLE_PATH}*`],
  wildcardReads: ['iam:ListRoles'],
  reads: ['iam:ListRoleTags', 'iam:GetRolePolicy'],
  ownedWrites: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:UpdateAssumeRolePolicy', 'iam:DeleteRole'],
  tagging: { tag: 'iam:TagRole', untag: 'iam:UntagRole' },
  creates: ['iam:CreateRole'],
  createArns: (at) => at.declared('forwarderRoles').map((name) => roleArn(at, name)),
  // Creating or updating the function hands it its role: that role only.
  arnScoped: {
    sid: 'MonitorsForwarderPassRole',
    actions: ['iam:PassRole'],
    arns: (at) => at.declared('forwarderRoles').map((name) => roleArn(at, name)),
  },
  limits: [
    "IAM is global: the plan and apply roles read every forwarder role of the account under the /monitors/ path (each stack and region has one); writes need the stack's tag.",
  ],
};
