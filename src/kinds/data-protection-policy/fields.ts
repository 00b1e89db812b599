import type { FieldTable } from '../../shared/sensitive-fields';

/** Which spec fields each key of a `dataProtectionPolicies:` entry feeds (for `${env:}` values: all refused). */
export const DATA_PROTECTION_POLICY_FIELDS: FieldTable = {
  logGroup: ['logGroupName'],
  'identifiers.*': ['document'],
  policyDescription: ['document'],
  'audit.findingsDestination.cloudWatchLogs': ['document'],
  'audit.findingsDestination.s3': ['document'],
  'audit.findingsDestination.firehose': ['document'],
};
