import {
  CreateFunctionCommand,
  DeleteFunctionCommand,
  GetFunctionConfigurationCommand,
  PutFunctionEventInvokeConfigCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateFunctionCodeCommand,
  UpdateFunctionConfigurationCommand,
} from '@aws-sdk/client-lambda';
import { DESTINATIONS_VAR } from '../../forwarder/config';
import type { ApplyContext, KindHandler } from '../handler';
import { fieldDiffs } from '../shared/field-diff';
import { ALREADY_GONE, unlessAlready } from '../shared/idempotent';
import { tagChanges } from '../shared/tags';
import { destinationsJson } from './build';
import { forwarderZip } from './code';
import { FORWARDER_ROLE_PATH, logGroupOf } from './names';
import type { ForwarderFunctionSpec } from '../specs';

const REPLACE = new Set(['name']);
const CONFIG_FIELDS = ['role', 'runtime', 'handler', 'timeoutSeconds', 'memoryMb', 'destinations'] as const;
/** A new role takes a few seconds to reach Lambda (IAM is eventually consistent); creating retries that long. */
const ROLE_PROPAGATION_MS = 40_000;

export function functionArn(ctx: ApplyContext, name: string): string {
  return `arn:aws:lambda:${ctx.region}:${ctx.accountId}:function:${name}`;
}

function configuration(ctx: ApplyContext, spec: ForwarderFunctionSpec) {
  return {
    FunctionName: spec.name,
    Role: `arn:aws:iam::${ctx.accountId}:role${FORWARDER_ROLE_PATH}${spec.role}`,
    Runtime: spec.runtime as 'nodejs22.x',
    Handler: spec.handler,
    Timeout: spec.timeoutSeconds,
    MemorySize: spec.memoryMb,
    // Encrypted at rest with the AWS managed key; never printed (the URLs are credentials).
    Environment: { Variables: { [DESTINATIONS_VAR]: destinationsJson(spec.destinations) } },
  };
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Lambda refuses a second change while one is in progress: waits for the last one to settle (bounded). */
async function settled(ctx: ApplyContext, name: string): Promise<void> {
  const end = Date.now() + 60_000;
  while (Date.now() < end) {
    const c = await ctx.clients.lambda.send(new GetFunctionConfigurationCommand({ FunctionName: name }));
    if (c.State !== 'Pending' && c.LastUpdateStatus !== 'InProgress') return;
    await sleep(1000);
  }
}

async function putInvokeConfig(ctx: ApplyContext, spec: ForwarderFunctionSpec): Promise<void> {
  // Lambda checks that the role may send to the queue: a role policy just written may not be visible yet.
  await whileRoleSettles(() =>
    ctx.clients.lambda.send(
      new PutFunctionEventInvokeConfigCommand({
        FunctionName: spec.name,
        MaximumRetryAttempts: spec.maximumRetryAttempts,
        DestinationConfig: {
          OnFailure: { Destination: `arn:aws:sqs:${ctx.region}:${ctx.accountId}:${spec.onFailureQueue}` },
        },
      }),
    ),
  );
}

/** Runs the call, again every 2 s while Lambda says the role is not usable yet (IAM is eventually consistent). */
async function whileRoleSettles(call: () => Promise<unknown>): Promise<void> {
  const end = Date.now() + ROLE_PROPAGATION_MS;
  for (;;) {
    try {
      await call();
      return;
    } catch (err) {
      if (!isRoleNotReady(err) || Date.now() > end) throw err;
      await sleep(2000);
    }
  }
}

function isRoleNotReady(err: unknown): boolean {
  return (
    err instanceof Error && err.name === 'InvalidParameterValueException' && /role|assume|permission/i.test(err.message)
  );
}

/**
 * The chat forwarder's function: code (by its hash), configuration, destinations, the on-failure
 * destination and tags change in place. Created after its role, queue and log group (so the log
 * group keeps the stack's retention and tags), deleted before them.
 */
export const forwarderFunctionHandler: KindHandler<'forwarderFunction'> = {
  kind: 'forwarderFunction',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: (spec, region) => [
    { kind: 'forwarderRole', region, name: spec.role },
    { kind: 'forwarderQueue', region, name: spec.onFailureQueue },
    { kind: 'logGroup', region, name: logGroupOf(spec.name) },
  ],
  async create(ctx, spec) {
    const end = Date.now() + ROLE_PROPAGATION_MS;
    for (;;) {
      try {
        await ctx.clients.lambda.send(
          new CreateFunctionCommand({
            ...configuration(ctx, spec),
            Code: { ZipFile: forwarderZip() },
            Tags: { ...spec.tags },
          }),
        );
        break;
      } catch (err) {
        if (err instanceof Error && err.name === 'ResourceConflictException') {
          // Made by an earlier attempt whose answer was lost: bring it to the spec.
          await settled(ctx, spec.name);
          await ctx.clients.lambda.send(
            new UpdateFunctionCodeCommand({ FunctionName: spec.name, ZipFile: forwarderZip() }),
          );
          await settled(ctx, spec.name);
          await ctx.clients.lambda.send(new UpdateFunctionConfigurationCommand(configuration(ctx, spec)));
          await ctx.clients.lambda.send(
            new TagResourceCommand({ Resource: functionArn(ctx, spec.name), Tags: { ...spec.tags } }),
          );
          break;
        }
        if (!isRoleNotReady(err) || Date.now() > end) throw err;
        await sleep(2000);
      }
    }
    await settled(ctx, spec.name);
    await putInvokeConfig(ctx, spec);
    return functionArn(ctx, spec.name);
  },
  async update(ctx, before, after) {
    const Resource = functionArn(ctx, after.name);
    // Tags first: adopting marks the function as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0) await ctx.clients.lambda.send(new TagResourceCommand({ Resource, Tags: set }));
    if (remove.length > 0) await ctx.clients.lambda.send(new UntagResourceCommand({ Resource, TagKeys: remove }));
    if (before.codeSha256 !== after.codeSha256) {
      await settled(ctx, after.name);
      await ctx.clients.lambda.send(
        new UpdateFunctionCodeCommand({ FunctionName: after.name, ZipFile: forwarderZip() }),
      );
    }
    if (CONFIG_FIELDS.some((f) => JSON.stringify(before[f]) !== JSON.stringify(after[f]))) {
      await settled(ctx, after.name);
      await ctx.clients.lambda.send(new UpdateFunctionConfigurationCommand(configuration(ctx, after)));
    }
    if (before.onFailureQueue !== after.onFailureQueue || before.maximumRetryAttempts !== after.maximumRetryAttempts) {
      await settled(ctx, after.name);
      await putInvokeConfig(ctx, after);
    }
  },
  async remove(ctx, spec) {
    await unlessAlready(ALREADY_GONE, () =>
      ctx.clients.lambda.send(new DeleteFunctionCommand({ FunctionName: spec.name })),
    );
  },
};
