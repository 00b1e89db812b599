import { forwarderUnbuild } from '../shared/forwarder-unbuild';

/** Not imported: see shared/forwarder-unbuild.ts. */
export const forwarderQueueUnbuild = forwarderUnbuild<'forwarderQueue'>((spec) => `the queue ${spec.name}`);
