import { forwarderUnbuild } from '../shared/forwarder-unbuild';

/** Not imported: see shared/forwarder-unbuild.ts. */
export const forwarderPermissionUnbuild = forwarderUnbuild<'forwarderPermission'>(
  (spec) => `the permission of ${spec.functionName} for topic ${spec.topicName}`,
);
