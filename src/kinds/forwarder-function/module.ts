import { forwarderLive } from '../shared/forwarder-live';
import { mergeForwarders } from './build';
import { forwarderEnvironmentSize } from './checks';
import { forwarderFunctionInfo } from './kind';
import { forwarderFunctionUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const forwarderFunctionModule: KindModule = {
  folder: 'forwarder-function',
  kinds: {
    forwarderFunction: { info: forwarderFunctionInfo, unbuild: forwarderFunctionUnbuild, live: forwarderLive },
  },
  checks: [
    // Its destinations must fit Lambda's 4 KB of environment.
    forwarderEnvironmentSize,
  ],
  mergeStack: mergeForwarders,
  // Not even with --all: a chat forwarder is made by monitors from a topic's chat lines; a console-made
  // account has none to import.
  scopes: { forwarderFunctions: 'never', forwarderRoles: 'never', forwarderQueues: 'never' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
