import { dataProtectionPoliciesForm } from './build';
import { dataProtectionPolicyInfo } from './kind';
import { dataProtectionPolicyLive } from './live';
import { dataProtectionPolicyUnbuild } from './unbuild';
import type { KindModule } from '../module';

/** CloudWatch Logs data-protection policies (`dataProtectionPolicies:`): after the log groups they protect. */
export const dataProtectionPolicyModule: KindModule = {
  folder: 'data-protection-policy',
  kinds: {
    dataProtectionPolicy: {
      info: dataProtectionPolicyInfo,
      unbuild: dataProtectionPolicyUnbuild,
      live: dataProtectionPolicyLive,
    },
  },
  forms: [dataProtectionPoliciesForm],
  // A policy is found through its log group: import selects it with the log groups it selects.
  scopes: { dataProtectionLogGroups: 'logGroupPrefix' },
  // eslint-disable-next-line @typescript-eslint/no-require-imports -- the AWS half loads on first use (KindModule.aws)
  aws: () => (require('./aws') as typeof import('./aws')).aws,
};
