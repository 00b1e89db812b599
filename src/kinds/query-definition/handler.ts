import { DeleteQueryDefinitionCommand, PutQueryDefinitionCommand } from '@aws-sdk/client-cloudwatch-logs';
import { MonitorsError } from '../../model/errors';
import { fieldDiffs } from '../shared/field-diff';
import type { ApplyContext, KindHandler } from '../handler';
import { readQueries } from './read';
import type { QueryDefinitionSpec } from './spec';

const REPLACE = new Set(['name']);

/**
 * The id AWS gave the query: the reader's (carried as its ARN), else looked up by name (a plan saved
 * before it was made). A query already gone has none.
 */
async function idOf(ctx: ApplyContext, name: string, known: string | undefined): Promise<string | undefined> {
  if (known) return known;
  const live = await readQueries(ctx.clients.logs);
  return live.find((q) => q.spec.name === name)?.id;
}

async function put(ctx: ApplyContext, spec: QueryDefinitionSpec, id?: string): Promise<string> {
  const out = await ctx.clients.logs.send(
    new PutQueryDefinitionCommand({
      queryLanguage: 'CWLI',
      name: spec.name,
      queryString: spec.queryString,
      // Put replaces every field: an empty list clears the log groups, as the files say.
      logGroupNames: [...spec.logGroupNames],
      ...(id !== undefined ? { queryDefinitionId: id } : {}),
    }),
  );
  if (!out.queryDefinitionId)
    throw new MonitorsError('AWS_SERVICE', `PutQueryDefinition for ${spec.name} answered without an id`);
  return out.queryDefinitionId;
}

/** Saved queries: Put with the id updates in place; without it, makes a new one (there is no name key). */
export const queryDefinitionHandler: KindHandler<'queryDefinition'> = {
  kind: 'queryDefinition',
  diff: (before, after) => fieldDiffs(before, after, REPLACE),
  dependsOn: () => [],
  // An earlier attempt whose answer was lost may have made it: update that one rather than make a second.
  async create(ctx, spec) {
    return put(ctx, spec, await idOf(ctx, spec.name, undefined));
  },
  async update(ctx, before, after, diffs, arn) {
    if (diffs.length === 0) return;
    await put(ctx, after, await idOf(ctx, before.name, arn));
  },
  async remove(ctx, spec, arn) {
    const id = await idOf(ctx, spec.name, arn);
    if (id === undefined) return;
    await ctx.clients.logs.send(new DeleteQueryDefinitionCommand({ queryDefinitionId: id }));
  },
};
