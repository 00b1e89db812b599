import type { IamScope, KindIam } from '../iam';
import { FORWARDER_ROLE_PATH, forwarderBoundaryArn } from '../forwarder-function/names';

const roleArn = (at: IamScope, name: string) => `arn:aws:iam::${at.account}:role${FORWARDER_ROLE_PATH}${name}`;

/**
 * The forwarder's role: IAM is global, so its reads and owned writes cover every forwarder role of the
 * account (under the /monitors/ path), tied to the stack's tag; created, and passed to Lambda only,
 * under the name the stack's chat destinations give it. Creating it and putting its inline policy
 * need the forwarder boundary on the role, so no inline policy reaches beyond the boundary; its trust
 * policy is never rewritten (a new trust is a new role), so it cannot be made to trust anyone else.
 */
export const forwarderRoleIam: KindIam = {
  arns: (at) => [`arn:aws:iam::${at.account}:role${FORWARDER_ROLE_PATH}*`],
  wildcardReads: ['iam:ListRoles'],
  reads: ['iam:ListRoleTags', 'iam:GetRole', 'iam:GetRolePolicy'],
  ownedWrites: ['iam:PutRolePolicy', 'iam:DeleteRolePolicy', 'iam:DeleteRole'],
  tagging: { tag: 'iam:TagRole', untag: 'iam:UntagRole' },
  creates: ['iam:CreateRole'],
  createArns: (at) => at.declared('forwarderRoles').map((name) => roleArn(at, name)),
  boundary: {
    actions: ['iam:CreateRole', 'iam:PutRolePolicy'],
    conditionKey: 'iam:PermissionsBoundary',
    arn: (at) => forwarderBoundaryArn(at.account),
  },
  // Creating or updating the function hands it its role: that role only, and to Lambda only.
  arnScoped: {
    sid: 'MonitorsForwarderPassRole',
    actions: ['iam:PassRole'],
    condition: { StringEquals: { 'iam:PassedToService': 'lambda.amazonaws.com' } },
    arns: (at) => at.declared('forwarderRoles').map((name) => roleArn(at, name)),
  },
  limits: [
    "IAM is global: the plan and apply roles read every forwarder role of the account under the /monitors/ path (each stack and region has one); writes need the stack's tag.",
    'The forwarder role is created, and its inline policy written, only with the permissions boundary monitors-forwarder-boundary (path /monitors/) that the setup template makes: whatever that inline policy says, the role can do no more than write forwarder logs and send to forwarder failure queues. Deploy the template (or make that policy) before the first apply with a chat.',
  ],
};
