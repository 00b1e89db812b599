import { GetPolicyCommand } from '@aws-sdk/client-lambda';
import type { LiveResource } from '../../model';
import { permissionStatementId } from '../forwarder-function/names';
import type { KindReader, Ownership } from '../reader';

interface Statement {
  readonly Sid?: string;
  readonly Principal?: { readonly Service?: string } | string;
  readonly Condition?: { readonly ArnLike?: Record<string, string> };
}

/**
 * The forwarder's invoke permissions: one GetPolicy per forwarder function in scope (parent
 * strategy: owned through the function). Only statements for SNS whose id is the one the tool gives
 * a topic's permission are this kind's; anything else on the policy is left alone.
 */
export const forwarderPermissionReader: KindReader = {
  kinds: ['forwarderPermission'],
  parent: 'forwarderFunction',
  async list() {
    return async (ctx, functions) => {
      const resources: LiveResource[] = [];
      await ctx.each(functions, async (f) => {
        if (f.spec.kind !== 'forwarderFunction') return;
        const functionName = f.spec.name;
        const policy = await ctx.clients.lambda
          .send(new GetPolicyCommand({ FunctionName: functionName }))
          .then((p) => p.Policy)
          .catch((err: unknown) => {
            if (err instanceof Error && err.name === 'ResourceNotFoundException') return undefined;
            throw err;
          });
        if (!policy) return;
        const own: Ownership = {
          owned: f.owned,
          ...(f.ownerStack !== undefined ? { ownerStack: f.ownerStack } : {}),
          ...(f.formerOwner !== undefined ? { formerOwner: f.formerOwner } : {}),
        };
        const statements = ((JSON.parse(policy) as { Statement?: Statement[] }).Statement ?? []) as Statement[];
        for (const st of statements) {
          const service = typeof st.Principal === 'object' ? st.Principal.Service : undefined;
          const source = st.Condition?.ArnLike?.['AWS:SourceArn'];
          if (service !== 'sns.amazonaws.com' || !source) continue;
          const topicName = source.slice(source.lastIndexOf(':') + 1);
          if (st.Sid !== permissionStatementId(topicName)) continue;
          resources.push({ spec: { kind: 'forwarderPermission', functionName, topicName }, ...own });
        }
      });
      return { resources };
    };
  },
};
