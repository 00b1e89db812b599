import type { KindInfo } from '../kind';
import { forwarderRoleIam } from './iam';

/** The forwarder's execution role: IAM is global, so its name carries the region; owned by tag. */
export const forwarderRoleInfo: KindInfo<'forwarderRole'> = {
  kind: 'forwarderRole',
  label: 'chat forwarder role',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  arn: (key, accountId) => `arn:aws:iam::${accountId}:role/monitors/${key.name}`,
  declares: (spec) => [['forwarderRoles', spec.name]],
  // IAM publishes no per-call rates; its writes are throttled early, so they are paced gently.
  iam: forwarderRoleIam,
  quotas: {
    'IAM.CreateRole': 5,
    'IAM.DeleteRole': 5,
    'IAM.PutRolePolicy': 5,
    'IAM.DeleteRolePolicy': 5,
    'IAM.UpdateAssumeRolePolicy': 5,
    'IAM.TagRole': 5,
    'IAM.UntagRole': 5,
    'IAM.ListRoles': 5,
    'IAM.ListRoleTags': 5,
    'IAM.GetRolePolicy': 5,
  },
};
