import { insightRuleHandler } from './handler';
import { insightRuleReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { insightRule: insightRuleHandler },
  readers: [insightRuleReader],
};
