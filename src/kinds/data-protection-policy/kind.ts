import type { KindInfo } from '../kind';
import { dataProtectionPolicyIam } from './iam';

/**
 * Data-protection policies: one per log group, keyed by it. The policy has no tag: the stack that owns
 * it is written in the document's Name (`monitors.<stack>`, document.ts policyMark), and it is read
 * only on log groups the stack owns or protects. Deleting one unmasks the log group's events.
 */
export const dataProtectionPolicyInfo: KindInfo<'dataProtectionPolicy'> = {
  kind: 'dataProtectionPolicy',
  label: 'data-protection policy',
  identity: (spec) => ({ name: spec.logGroupName, nameField: 'logGroupName' }),
  hasHistory: false,
  deleteLoses: 'the log group’s sensitive data is no longer masked or audited',
  lineFields: { document: (doc) => doc.split('\n') },
  linesOnCreate: true,
  declares: (spec) => [['dataProtectionLogGroups', spec.logGroupName]],
  iam: dataProtectionPolicyIam,
  quotas: {
    'CloudWatchLogs.PutDataProtectionPolicy': 5,
    'CloudWatchLogs.GetDataProtectionPolicy': 5,
    'CloudWatchLogs.DeleteDataProtectionPolicy': 5,
  },
};

declare module '../kind' {
  interface DeclaredScopes {
    /** Log groups the files put a data-protection policy on: an unowned one's policy is read for adopt. */
    dataProtectionLogGroups: true;
  }
}
