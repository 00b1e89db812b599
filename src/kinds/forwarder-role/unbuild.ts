import { forwarderUnbuild } from '../shared/forwarder-unbuild';

/** Not imported: see shared/forwarder-unbuild.ts. */
export const forwarderRoleUnbuild = forwarderUnbuild<'forwarderRole'>((spec) => `the role ${spec.name}`);
