import { AddPermissionCommand, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import type { KindHandler } from '../handler';
import { permissionStatementId } from '../forwarder-function/names';
import { topicArn } from '../topic/handler';

const REPLACE = new Set(['functionName', 'topicName']);

/** The forwarder's invoke permission for one topic: nothing changes in place; only its topic may invoke. */
export const forwarderPermissionHandler: KindHandler<'forwarderPermission'> = {
  kind: 'forwarderPermission',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: (spec, region) => [
    { kind: 'forwarderFunction', region, name: spec.functionName },
    { kind: 'topic', region, name: spec.topicName },
  ],
  async create(ctx, spec) {
    // A statement of that id already there is an earlier attempt's: Lambda answers ResourceConflictException.
    await unlessAlready(['ResourceConflictException'], () =>
      ctx.clients.lambda.send(
        new AddPermissionCommand({
          FunctionName: spec.functionName,
          StatementId: permissionStatementId(spec.topicName),
          Action: 'lambda:InvokeFunction',
          Principal: 'sns.amazonaws.com',
          SourceArn: topicArn(ctx, spec.topicName),
          SourceAccount: ctx.accountId,
        }),
      ),
    );
  },
  async update() {
    // Every field forces a replacement: there is nothing to change in place.
  },
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.lambda.send(
        new RemovePermissionCommand({
          FunctionName: spec.functionName,
          StatementId: permissionStatementId(spec.topicName),
        }),
      ),
    );
  },
};
