import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
  UpdateAssumeRolePolicyCommand,
} from '@aws-sdk/client-iam';
import type { ApplyContext, KindHandler } from '../handler';
import { FORWARDER_ROLE_PATH } from '../forwarder-function/names';
import { fieldDiffs } from '../shared/field-diff';
import { unlessAlready } from '../shared/idempotent';
import { tagChanges, tagList } from '../shared/tags';
import { INLINE_POLICY, policyDocument, trustDocument } from './policy';
import type { ForwarderRoleSpec } from '../specs';

const REPLACE = new Set(['name']);
/** IAM's answers for "already there" and "not there". */
const ROLE_EXISTS = ['EntityAlreadyExistsException', 'EntityAlreadyExists'];
const NO_ENTITY = ['NoSuchEntityException', 'NoSuchEntity'];

async function putPolicy(ctx: ApplyContext, spec: ForwarderRoleSpec): Promise<void> {
  await ctx.clients.iam.send(
    new PutRolePolicyCommand({
      RoleName: spec.name,
      PolicyName: INLINE_POLICY,
      PolicyDocument: policyDocument(spec.permissions, ctx.region, ctx.accountId),
    }),
  );
}

/** The forwarder's role: trust, inline policy and tags change in place. */
export const forwarderRoleHandler: KindHandler<'forwarderRole'> = {
  kind: 'forwarderRole',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  async create(ctx, spec) {
    const created = await unlessAlready(ROLE_EXISTS, () =>
      ctx.clients.iam.send(
        new CreateRoleCommand({
          RoleName: spec.name,
          Path: FORWARDER_ROLE_PATH,
          AssumeRolePolicyDocument: trustDocument(spec.trustedService),
          Description: 'Runs the monitors chat forwarder: writes its own log group and failure queue only',
          Tags: tagList(spec.tags),
        }),
      ),
    );
    // Made by an earlier attempt whose answer was lost: make sure the tags and trust are there too.
    if (!created) {
      await ctx.clients.iam.send(new TagRoleCommand({ RoleName: spec.name, Tags: tagList(spec.tags) }));
      await ctx.clients.iam.send(
        new UpdateAssumeRolePolicyCommand({ RoleName: spec.name, PolicyDocument: trustDocument(spec.trustedService) }),
      );
    }
    await putPolicy(ctx, spec);
    return `arn:aws:iam::${ctx.accountId}:role${FORWARDER_ROLE_PATH}${spec.name}`;
  },
  async update(ctx, before, after) {
    // Tags first: adopting marks the role as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0)
      await ctx.clients.iam.send(new TagRoleCommand({ RoleName: after.name, Tags: tagList(set) }));
    if (remove.length > 0) await ctx.clients.iam.send(new UntagRoleCommand({ RoleName: after.name, TagKeys: remove }));
    if (before.trustedService !== after.trustedService)
      await ctx.clients.iam.send(
        new UpdateAssumeRolePolicyCommand({
          RoleName: after.name,
          PolicyDocument: trustDocument(after.trustedService),
        }),
      );
    if (before.permissions.join('\n') !== after.permissions.join('\n')) await putPolicy(ctx, after);
  },
  async remove(ctx, spec) {
    // IAM refuses to delete a role that still has an inline policy.
    await unlessAlready(NO_ENTITY, () =>
      ctx.clients.iam.send(new DeleteRolePolicyCommand({ RoleName: spec.name, PolicyName: INLINE_POLICY })),
    );
    await unlessAlready(NO_ENTITY, () => ctx.clients.iam.send(new DeleteRoleCommand({ RoleName: spec.name })));
  },
};
