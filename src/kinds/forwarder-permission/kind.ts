import type { KindInfo } from '../kind';
import { forwarderPermissionIam } from './iam';

/**
 * A statement of the forwarder's resource policy letting SNS invoke it for one topic: keyed by topic
 * under its function, owned through the function (it has no tags of its own).
 */
export const forwarderPermissionInfo: KindInfo<'forwarderPermission'> = {
  kind: 'forwarderPermission',
  label: 'chat forwarder permission',
  identity: (spec) => ({
    name: spec.topicName,
    parent: spec.functionName,
    nameField: 'topicName',
    parentField: 'functionName',
  }),
  hasHistory: false,
  iam: forwarderPermissionIam,
  quotas: {
    'Lambda.AddPermission': 15,
    'Lambda.RemovePermission': 15,
    'Lambda.GetPolicy': 15,
  },
};
