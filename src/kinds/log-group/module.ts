import { logGroupsForm } from './build';
import { logGroupInfo } from './kind';
import { logGroupUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const logGroupModule: KindModule = {
  folder: 'log-group',
  kinds: {
    logGroup: { info: logGroupInfo, unbuild: logGroupUnbuild },
  },
  forms: [logGroupsForm],
  scopes: { logGroups: 'logGroupPrefix' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
