import {
  CreateRoleCommand,
  DeleteRoleCommand,
  DeleteRolePolicyCommand,
  PutRolePolicyCommand,
  TagRoleCommand,
  UntagRoleCommand,
} from '@aws-sdk/client-iam';
import type { ApplyContext, KindHandler } from '../handler';
import { FORWARDER_ROLE_PATH } from '../forwarder-function/names';
import { fieldDiffs } from '../shared/field-diff';
import { unlessAlready } from '../shared/idempotent';
import { tagChanges, tagList } from '../shared/tags';
import { INLINE_POLICY, policyDocument, trustDocument } from './policy';
import type { ForwarderRoleSpec } from '../specs';

/**
 * A new trust or boundary makes a new role: the apply role may neither rewrite a trust policy (IAM
 * cannot check its content, and self-trust is the way up) nor change or remove a boundary.
 */
const REPLACE = new Set(['name', 'trustedService', 'boundary']);
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

/** The forwarder's role: inline policy and tags change in place; trust and boundary only by a new role. */
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
          ...(spec.boundary ? { PermissionsBoundary: `arn:aws:iam::${ctx.accountId}:policy${spec.boundary}` } : {}),
        }),
      ),
    );
    // Made by an earlier attempt whose answer was lost: make sure the tags are there too. Its trust and
    // boundary are what that attempt sent; a role that differs shows in the next plan as a replace.
    if (!created) await ctx.clients.iam.send(new TagRoleCommand({ RoleName: spec.name, Tags: tagList(spec.tags) }));
    await putPolicy(ctx, spec);
    return `arn:aws:iam::${ctx.accountId}:role${FORWARDER_ROLE_PATH}${spec.name}`;
  },
  async update(ctx, before, after) {
    // Tags first: adopting marks the role as ours before changing it, which a tag-scoped IAM policy requires.
    const { set, remove } = tagChanges(before.tags, after.tags);
    if (Object.keys(set).length > 0)
      await ctx.clients.iam.send(new TagRoleCommand({ RoleName: after.name, Tags: tagList(set) }));
    if (remove.length > 0) await ctx.clients.iam.send(new UntagRoleCommand({ RoleName: after.name, TagKeys: remove }));
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
