import {
  GetRoleCommand,
  GetRolePolicyCommand,
  ListRoleTagsCommand,
  paginateListRoles,
  type Role,
} from '@aws-sdk/client-iam';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { FORWARDER_ROLE_PATH } from '../forwarder-function/names';
import type { KindReader } from '../reader';
import { INLINE_POLICY, policyLines, trustedServiceOf } from './policy';

const toRecord = (list: readonly { Key?: string; Value?: string }[] | undefined): Record<string, string> =>
  Object.fromEntries((list ?? []).map((t) => [t.Key ?? '', t.Value ?? '']));

/**
 * Forwarder roles: listed under their IAM path (/monitors/), in pages of 100; owned by tag
 * (ListRoleTags per role), in scope when owned or declared; the boundary (GetRole) and the inline
 * policy read back into lines.
 */
export const forwarderRoleReader: KindReader = {
  kinds: ['forwarderRole'],
  async list(clients: AwsClients) {
    const roles: Role[] = [];
    for await (const page of paginateListRoles(paged(clients.iam, 100), { PathPrefix: FORWARDER_ROLE_PATH }))
      roles.push(...(page.Roles ?? []));
    return async (ctx) => {
      const declared = ctx.declared('forwarderRoles');
      const resources: LiveResource[] = [];
      // The account and region the policy's ARNs are read against: the role's own account, the reader's region.
      const region = await ctx.clients.iam.config.region();
      await ctx.each(roles, async (r) => {
        const name = r.RoleName ?? '';
        const account = (r.Arn ?? '').split(':')[4] ?? '';
        const tags = toRecord((await ctx.clients.iam.send(new ListRoleTagsCommand({ RoleName: name }))).Tags);
        if (!ctx.inScope(tags, declared.has(name))) return;
        // ListRoles leaves out the permissions boundary: GetRole says it, for the roles in scope only.
        const got = await ctx.clients.iam.send(new GetRoleCommand({ RoleName: name })).catch((err: unknown) => {
          // Deleted since the listing: gone.
          if (err instanceof Error && /NoSuchEntity/.test(err.name)) return undefined;
          throw err;
        });
        if (!got) return;
        const boundaryArn = got.Role?.PermissionsBoundary?.PermissionsBoundaryArn ?? '';
        const policy = await ctx.clients.iam
          .send(new GetRolePolicyCommand({ RoleName: name, PolicyName: INLINE_POLICY }))
          .then((p) => p.PolicyDocument)
          .catch((err: unknown) => {
            if (err instanceof Error && /NoSuchEntity/.test(err.name)) return undefined;
            throw err;
          });
        resources.push({
          spec: {
            kind: 'forwarderRole',
            name,
            trustedService: trustedServiceOf(r.AssumeRolePolicyDocument),
            boundary: boundaryArn.includes(':policy/') ? boundaryArn.slice(boundaryArn.indexOf(':policy/') + 7) : '',
            permissions: policyLines(policy, region, account),
            tags,
          },
          arn: r.Arn,
          ...ctx.ownership(tags[OWNER_TAG]),
        });
      });
      return { resources };
    };
  },
};
