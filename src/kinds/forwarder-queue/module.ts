import { forwarderLive } from '../shared/forwarder-live';
import { forwarderQueueInfo } from './kind';
import { forwarderQueueUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const forwarderQueueModule: KindModule = {
  folder: 'forwarder-queue',
  kinds: {
    forwarderQueue: { info: forwarderQueueInfo, unbuild: forwarderQueueUnbuild, live: forwarderLive },
  },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
