import { DeleteDataProtectionPolicyCommand, PutDataProtectionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { partsOf } from './document';
import type { DataProtectionPolicySpec } from './spec';

/** The log group the audit findings go to, if any. */
const findingsLogGroup = (document: string): string | undefined => partsOf(document)?.findings.CloudWatchLogs?.LogGroup;

/** Put replaces the whole document, so a create, a re-run and an update are the same call. */
async function put(ctx: ApplyContext, spec: DataProtectionPolicySpec): Promise<void> {
  await ctx.clients.logs.send(
    new PutDataProtectionPolicyCommand({ logGroupIdentifier: spec.logGroupName, policyDocument: spec.document }),
  );
}

/** Data-protection policies: Put (create and update alike) and Delete, by log group name. */
export const dataProtectionPolicyHandler: KindHandler<'dataProtectionPolicy'> = {
  kind: 'dataProtectionPolicy',
  diff: (before, after) => fieldDiffs(before, after, new Set(['logGroupName'])),
  // AWS refuses a policy on a log group that does not exist yet, and one whose findings log group does not.
  dependsOn: (spec, region) =>
    [spec.logGroupName, findingsLogGroup(spec.document)].flatMap((name) =>
      name === undefined ? [] : [{ kind: 'logGroup' as const, region, name }],
    ),
  create: put,
  async update(ctx, _before, after, diffs) {
    if (diffs.length > 0) await put(ctx, after);
  },
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.logs.send(new DeleteDataProtectionPolicyCommand({ logGroupIdentifier: spec.logGroupName })),
    );
  },
};
