import { entry, type KindUnbuild } from '../unbuild';
import { partsOf } from './document';
import { identifierName } from './identifiers';

/** A policy as `dataProtectionPolicies:` writes it, when its document is one the files can write. */
export const dataProtectionPolicyUnbuild: KindUnbuild<'dataProtectionPolicy'> = {
  section: 'dataProtectionPolicies',
  about: 'CloudWatch Logs data-protection policies.',
  unbuild(spec) {
    const parts = partsOf(spec.document);
    if (!parts)
      return {
        unsupported:
          'its document is not the audit-and-mask pair over the same identifiers that the files write (custom identifiers or other statements)',
      };
    const f = parts.findings;
    const destination = entry({
      cloudWatchLogs: f.CloudWatchLogs?.LogGroup,
      s3: f.S3?.Bucket,
      firehose: f.Firehose?.DeliveryStream,
    });
    return {
      entry: entry({
        logGroup: spec.logGroupName,
        identifiers: [...parts.identifierArns].sort().map(identifierName),
        policyDescription: parts.description,
        audit: Object.keys(destination).length > 0 ? { findingsDestination: destination } : undefined,
      }),
    };
  },
};
