import { topicsForm } from './build';
import { topicInfo } from './kind';
import { topicUnbuild } from './unbuild';
import { keepUnmanagedSubscriptions, subscriptionsGoingWithTopics } from './unmanaged-subscriptions';
import type { KindModule } from '../module';

export const topicModule: KindModule = {
  folder: 'topic',
  kinds: {
    topic: { info: topicInfo, unbuild: topicUnbuild },
  },
  forms: [topicsForm],
  planSteps: [
    // Adopting a topic keeps the subscriptions made on it by hand, unmanaged; deleting one lists them.
    { desired: keepUnmanagedSubscriptions, goesWith: subscriptionsGoingWithTopics },
  ],
  scopes: { topics: 'topicName' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
