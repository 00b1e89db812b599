import { DeleteSubscriptionFilterCommand, PutSubscriptionFilterCommand } from '@aws-sdk/client-cloudwatch-logs';
import { AddPermissionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { ApplyContext, KindHandler } from '../handler';
import { isLambda, permissionStatementId } from './names';
import type { SubscriptionFilterSpec } from './spec';

const REPLACE = new Set(['logGroupName', 'filterName']);

/**
 * CloudWatch Logs may invoke a Lambda destination only once the function's policy says so, and
 * PutSubscriptionFilter checks that first: the permission is added before the filter, scoped to
 * this log group and account. One of that id already there is an earlier attempt's.
 */
async function allowLogs(ctx: ApplyContext, spec: SubscriptionFilterSpec): Promise<void> {
  if (!isLambda(spec.destinationArn)) return;
  await unlessAlready(['ResourceConflictException'], () =>
    ctx.clients.lambda.send(
      new AddPermissionCommand({
        FunctionName: spec.destinationArn,
        StatementId: permissionStatementId(spec.logGroupName, spec.filterName),
        Action: 'lambda:InvokeFunction',
        Principal: 'logs.amazonaws.com',
        SourceArn: `arn:aws:logs:${ctx.region}:${ctx.accountId}:log-group:${spec.logGroupName}:*`,
        SourceAccount: ctx.accountId,
      }),
    ),
  );
}

/** Takes back the permission this filter's Lambda got; a function or statement already gone is fine. */
async function disallowLogs(ctx: ApplyContext, spec: SubscriptionFilterSpec): Promise<void> {
  if (!isLambda(spec.destinationArn)) return;
  await unlessAlready(ALREADY_GONE, () =>
    ctx.clients.lambda.send(
      new RemovePermissionCommand({
        FunctionName: spec.destinationArn,
        StatementId: permissionStatementId(spec.logGroupName, spec.filterName),
      }),
    ),
  );
}

async function put(ctx: ApplyContext, spec: SubscriptionFilterSpec): Promise<void> {
  await ctx.clients.logs.send(
    new PutSubscriptionFilterCommand({
      logGroupName: spec.logGroupName,
      filterName: spec.filterName,
      filterPattern: spec.filterPattern,
      destinationArn: spec.destinationArn,
      roleArn: spec.roleArn,
      distribution: spec.distribution,
    }),
  );
}

/** Subscription filters: PutSubscriptionFilter creates and updates alike (keyed by log group + name). */
export const subscriptionFilterHandler: KindHandler<'subscriptionFilter'> = {
  kind: 'subscriptionFilter',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: (spec, region) => [{ kind: 'logGroup', region, name: spec.logGroupName }],
  async create(ctx, spec) {
    await allowLogs(ctx, spec);
    await put(ctx, spec);
  },
  // Adopting a filter whose fields already agree changes nothing in AWS: only the stack's record of it.
  async update(ctx, before, after, diffs) {
    if (diffs.length === 0) return;
    const moved = before.destinationArn !== after.destinationArn;
    if (moved) await allowLogs(ctx, after);
    await put(ctx, after);
    if (moved) await disallowLogs(ctx, before);
  },
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.logs.send(
        new DeleteSubscriptionFilterCommand({ logGroupName: spec.logGroupName, filterName: spec.filterName }),
      ),
    );
    await disallowLogs(ctx, spec);
  },
};
