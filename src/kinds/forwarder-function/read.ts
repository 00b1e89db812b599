import {
  GetFunctionEventInvokeConfigCommand,
  ListTagsCommand,
  paginateListFunctions,
  type FunctionConfiguration,
} from '@aws-sdk/client-lambda';
import type { AwsClients } from '../../aws/clients';
import { paged } from '../../aws/paging';
import { OWNER_TAG, type LiveResource } from '../../model';
import { DESTINATIONS_VAR } from '../../forwarder/config';
import type { KindReader } from '../reader';
import { destinationsFromJson } from './build';
import { FORWARDER_PREFIX } from './names';
import type { ForwarderFunctionSpec } from '../specs';

const lastSegment = (arn: string | undefined) => (arn ?? '').slice((arn ?? '').lastIndexOf('/') + 1);

/** A function as a spec, given its invoke configuration's queue and retries. */
function specOf(
  f: FunctionConfiguration,
  tags: Readonly<Record<string, string>>,
  invoke: { queue: string; retries: number },
): ForwarderFunctionSpec {
  const raw = f.Environment?.Variables?.[DESTINATIONS_VAR];
  return {
    kind: 'forwarderFunction',
    name: f.FunctionName ?? '',
    role: lastSegment(f.Role),
    runtime: f.Runtime ?? '',
    handler: f.Handler ?? '',
    codeSha256: f.CodeSha256 ?? '',
    timeoutSeconds: f.Timeout ?? 3,
    memoryMb: f.MemorySize ?? 128,
    // A value the tool did not write reads as none: the plan shows every declared destination added,
    // and the update writes the variable whole.
    destinations: destinationsFromJson(raw) ?? {},
    onFailureQueue: invoke.queue,
    maximumRetryAttempts: invoke.retries,
    tags,
  };
}

/**
 * Forwarder functions: listed in pages of 50, only names with the monitors- prefix looked at, owned
 * by tag (ListTags per candidate: a stack has one per region), in scope when owned or declared.
 */
export const forwarderFunctionReader: KindReader = {
  kinds: ['forwarderFunction'],
  async list(clients: AwsClients) {
    const functions: FunctionConfiguration[] = [];
    for await (const page of paginateListFunctions(paged(clients.lambda, 50), {}))
      for (const f of page.Functions ?? []) if (f.FunctionName?.startsWith(FORWARDER_PREFIX)) functions.push(f);
    return async (ctx) => {
      const declared = ctx.declared('forwarderFunctions');
      const resources: LiveResource[] = [];
      await ctx.each(functions, async (f) => {
        const arn = f.FunctionArn ?? '';
        const isDeclared = declared.has(f.FunctionName ?? '');
        const tags = (await ctx.clients.lambda.send(new ListTagsCommand({ Resource: arn }))).Tags ?? {};
        if (!ctx.inScope(tags, isDeclared)) return;
        const invoke = await ctx.clients.lambda
          .send(new GetFunctionEventInvokeConfigCommand({ FunctionName: f.FunctionName }))
          .then((c) => ({
            queue: (c.DestinationConfig?.OnFailure?.Destination ?? '').split(':').pop() ?? '',
            retries: c.MaximumRetryAttempts ?? 2,
          }))
          .catch((err: unknown) => {
            if (err instanceof Error && err.name === 'ResourceNotFoundException') return { queue: '', retries: 2 };
            throw err;
          });
        resources.push({ spec: specOf(f, { ...tags }, invoke), arn, ...ctx.ownership(tags[OWNER_TAG]) });
      });
      return { resources };
    };
  },
};
