import { savedQueriesForm } from './build';
import { queryDefinitionInfo } from './kind';
import { queryDefinitionUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const queryDefinitionModule: KindModule = {
  folder: 'query-definition',
  kinds: {
    queryDefinition: { info: queryDefinitionInfo, unbuild: queryDefinitionUnbuild },
  },
  forms: [savedQueriesForm],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
