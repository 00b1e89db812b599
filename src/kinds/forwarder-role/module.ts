import { forwarderRoleInfo } from './kind';
import { forwarderRoleUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const forwarderRoleModule: KindModule = {
  folder: 'forwarder-role',
  kinds: {
    forwarderRole: { info: forwarderRoleInfo, unbuild: forwarderRoleUnbuild },
  },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
