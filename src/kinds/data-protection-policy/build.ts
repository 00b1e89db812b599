import type { PathSegment } from '../../shared/source-types';
import type { YamlForm } from '../build';
import { buildDocument, policyMark, type FindingsDestination } from './document';
import { DATA_PROTECTION_POLICY_FIELDS } from './fields';
import { identifierArn, identifierProblem } from './identifiers';

/** A `dataProtectionPolicies:` entry as the schema lets it through. */
export interface RawDataProtectionPolicy {
  readonly logGroup: string;
  readonly identifiers: readonly string[];
  readonly policyDescription?: string;
  readonly audit?: {
    readonly findingsDestination?: {
      readonly cloudWatchLogs?: string;
      readonly s3?: string;
      readonly firehose?: string;
    };
  };
}

function findingsOf(p: RawDataProtectionPolicy): FindingsDestination {
  const d = p.audit?.findingsDestination ?? {};
  return {
    ...(d.cloudWatchLogs !== undefined ? { CloudWatchLogs: { LogGroup: d.cloudWatchLogs } } : {}),
    ...(d.s3 !== undefined ? { S3: { Bucket: d.s3 } } : {}),
    ...(d.firehose !== undefined ? { Firehose: { DeliveryStream: d.firehose } } : {}),
  };
}

/**
 * `dataProtectionPolicies:`: a data-protection policy on a log group of these files, one per log
 * group (AWS keeps one), audit and mask over the same managed identifiers.
 */
export const dataProtectionPoliciesForm: YamlForm = {
  key: 'dataProtectionPolicies',
  build(ctx, raw) {
    const seen = new Map<string, number>();
    (raw.dataProtectionPolicies as RawDataProtectionPolicy[] | undefined)?.forEach((p, i) => {
      const path: PathSegment[] = ['dataProtectionPolicies', i];
      const groupAt = ctx.at([...path, 'logGroup']);
      const first = seen.get(p.logGroup);
      if (first !== undefined) {
        ctx.error(
          'DUPLICATE_NAME',
          `log group ${JSON.stringify(p.logGroup)} already has a data-protection policy (entry ${first + 1}); AWS keeps one per log group: put every identifier in that one`,
          groupAt,
        );
        return;
      }
      seen.set(p.logGroup, i);
      ctx.reference({ kind: 'logGroup', name: p.logGroup, location: groupAt });
      p.identifiers.forEach((id, j) => {
        const problem = identifierProblem(id);
        if (problem) ctx.error('SCHEMA', problem, ctx.at([...path, 'identifiers', j]));
      });
      const findings = findingsOf(p);
      ctx.push(
        {
          spec: {
            kind: 'dataProtectionPolicy',
            logGroupName: p.logGroup,
            document: buildDocument({
              name: policyMark(ctx.stack.name),
              ...(p.policyDescription !== undefined ? { description: p.policyDescription } : {}),
              identifierArns: p.identifiers.map(identifierArn),
              findings,
            }),
          },
          source: ctx.at(path),
        },
        DATA_PROTECTION_POLICY_FIELDS,
        path,
      );
    });
  },
};
