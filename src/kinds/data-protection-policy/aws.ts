import { dataProtectionPolicyHandler } from './handler';
import { dataProtectionPolicyReader } from './read';
import type { KindAws } from '../module';

/** The AWS half of this folder's module (module.ts loads it on first use). */
export const aws: KindAws = {
  handlers: { dataProtectionPolicy: dataProtectionPolicyHandler },
  readers: [dataProtectionPolicyReader],
};
