import { chatWebhookWarnings } from './chat-webhooks';
import { subscriptionInfo } from './kind';
import { subscriptionUnbuild } from './unbuild';
import type { KindModule } from '../module';

export const subscriptionModule: KindModule = {
  folder: 'subscription',
  kinds: {
    subscription: { info: subscriptionInfo, unbuild: subscriptionUnbuild },
  },
  checks: [
    // An https endpoint that is a chat's incoming webhook never confirms.
    chatWebhookWarnings,
  ],
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
