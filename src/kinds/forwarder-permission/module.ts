import { forwarderPermissionInfo } from './kind';
import { forwarderPermissionUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const forwarderPermissionModule: KindModule = {
  folder: 'forwarder-permission',
  kinds: {
    forwarderPermission: { info: forwarderPermissionInfo, unbuild: forwarderPermissionUnbuild },
  },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
