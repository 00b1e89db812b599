import {
  DescribeQueryDefinitionsCommand,
  type DescribeQueryDefinitionsCommandOutput,
} from '@aws-sdk/client-cloudwatch-logs';
import type { CloudWatchLogsClient } from '@aws-sdk/client-cloudwatch-logs';
import type { LiveResource } from '../../model';
import type { KindReader } from '../reader';
import { unknownAction } from '../shared/unknown-action';
import { QUERY_ROOT, queryOwner } from './names';
import type { QueryDefinitionSpec } from './spec';

/** A live saved query and the id AWS gave it. */
export interface LiveQuery {
  readonly id: string;
  readonly spec: QueryDefinitionSpec;
}

/** Every saved query under monitors' root, 1,000 per page (the SDK has no paginator for this call). */
export async function readQueries(logs: CloudWatchLogsClient): Promise<LiveQuery[]> {
  const out: LiveQuery[] = [];
  let nextToken: string | undefined;
  do {
    const input = { queryDefinitionNamePrefix: QUERY_ROOT, maxResults: 1000, nextToken };
    let page: DescribeQueryDefinitionsCommandOutput | undefined;
    try {
      page = await logs.send(new DescribeQueryDefinitionsCommand(input));
    } catch (err) {
      if (!unknownAction(err)) throw err;
    }
    for (const q of page?.queryDefinitions ?? []) {
      if (!q.queryDefinitionId || !q.name) continue;
      out.push({
        id: q.queryDefinitionId,
        spec: {
          kind: 'queryDefinition',
          name: q.name,
          queryString: q.queryString ?? '',
          logGroupNames: [...new Set(q.logGroupNames ?? [])].sort(),
        },
      });
    }
    nextToken = page?.nextToken;
  } while (nextToken);
  return out;
}

/** Saved queries: owned by the stack their name says (names.ts); AWS's id rides where an ARN would. */
export const queryDefinitionReader: KindReader = {
  kinds: ['queryDefinition'],
  async list(clients) {
    const queries = await readQueries(clients.logs);
    return (ctx) => {
      const resources: LiveResource[] = [];
      for (const q of queries) {
        const own = ctx.ownership(queryOwner(q.spec.name));
        if (own.owned) resources.push({ spec: q.spec, arn: q.id, ...own });
      }
      return Promise.resolve({ resources });
    };
  },
};
