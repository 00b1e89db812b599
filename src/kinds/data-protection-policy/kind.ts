import type { KindInfo } from '../kind';
import { dataProtectionPolicyIam } from './iam';

/**
 * Data-protection policies: one per log group, keyed by it, owned by whoever owns the log group (the
 * policy has no tag of its own). Deleting one unmasks the log group's events for every reader.
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
