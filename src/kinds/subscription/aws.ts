import { subscriptionHandler } from './handler';
import { subscriptionReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { subscription: subscriptionHandler },
  readers: [subscriptionReader],
};
