import { forwarderUnbuild } from '../shared/forwarder-unbuild';

/** Not imported: see shared/forwarder-unbuild.ts. */
export const forwarderFunctionUnbuild = forwarderUnbuild<'forwarderFunction'>((spec) => `the function ${spec.name}`);
