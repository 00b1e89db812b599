/**
 * A stateful stand-in for CloudWatch Logs' query definitions, which no emulator has: a loopback proxy
 * in front of the emulator that answers PutQueryDefinition, DescribeQueryDefinitions and
 * DeleteQueryDefinition from its own state (paging by nextToken as AWS does) and passes every other
 * call through. Every request it answers and every answer it gives is checked against botocore's model
 * (logs-model.ts); violations are kept for the test to assert on, and a bad request is refused as AWS
 * would (ValidationException), so a test cannot pass on a request AWS would reject.
 */
import { randomUUID } from 'crypto';
import type { ServerResponse } from 'http';
import { serveJsonFake } from '../harness/json-api-fake';
import { modelViolations } from './logs-model';

export interface StoredQuery {
  readonly queryDefinitionId: string;
  readonly name: string;
  readonly queryString: string;
  readonly logGroupNames: readonly string[];
  readonly queryLanguage: string;
  readonly lastModified: number;
}

export interface SavedQueryFake {
  readonly url: string;
  readonly queries: Map<string, StoredQuery>;
  readonly violations: string[];
  /** The operations it answered, in order. */
  readonly calls: string[];
  close(): Promise<void>;
}

const OWN = new Set(['PutQueryDefinition', 'DescribeQueryDefinitions', 'DeleteQueryDefinition']);

export async function startSavedQueryFake(emulator: string, pageSize = 1000): Promise<SavedQueryFake> {
  const target = new URL(emulator);
  const queries = new Map<string, StoredQuery>();
  const violations: string[] = [];
  const calls: string[] = [];

  const answer = (res: ServerResponse, operation: string, status: number, body: Record<string, unknown>) => {
    if (status === 200) violations.push(...modelViolations(operation, 'output', body));
    const text = JSON.stringify(body);
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1', 'content-length': Buffer.byteLength(text) });
    res.end(text);
  };
  const fail = (res: ServerResponse, operation: string, type: string, message: string) =>
    answer(res, operation, 400, { __type: type, message });

  function handle(operation: string, input: Record<string, unknown>, res: ServerResponse): void {
    calls.push(operation);
    const problems = modelViolations(operation, 'input', input);
    if (problems.length > 0) {
      violations.push(...problems);
      return fail(res, operation, 'ValidationException', problems.join('; '));
    }
    if (operation === 'PutQueryDefinition') {
      const id = (input.queryDefinitionId as string | undefined) ?? randomUUID();
      if (input.queryDefinitionId !== undefined && !queries.has(id))
        return fail(res, operation, 'ResourceNotFoundException', `query definition ${id} does not exist`);
      queries.set(id, {
        queryDefinitionId: id,
        name: input.name as string,
        queryString: input.queryString as string,
        // Put replaces every field: no log groups given means none.
        logGroupNames: (input.logGroupNames as string[] | undefined) ?? [],
        queryLanguage: (input.queryLanguage as string | undefined) ?? 'CWLI',
        lastModified: Date.now(),
      });
      return answer(res, operation, 200, { queryDefinitionId: id });
    }
    if (operation === 'DeleteQueryDefinition') {
      const id = input.queryDefinitionId as string;
      if (!queries.delete(id))
        return fail(res, operation, 'ResourceNotFoundException', `query definition ${id} does not exist`);
      return answer(res, operation, 200, { success: true });
    }
    const prefix = (input.queryDefinitionNamePrefix as string | undefined) ?? '';
    const all = [...queries.values()]
      .filter((q) => q.name.startsWith(prefix))
      .sort((a, b) => a.name.localeCompare(b.name));
    const start = Number(input.nextToken ?? 0);
    const size = Math.min((input.maxResults as number | undefined) ?? 1000, pageSize);
    const page = all.slice(start, start + size).map((q) => ({
      ...q,
      logGroupNames: q.logGroupNames.length > 0 ? [...q.logGroupNames] : undefined,
    }));
    return answer(res, operation, 200, {
      queryDefinitions: page,
      ...(start + size < all.length ? { nextToken: String(start + size) } : {}),
    });
  }

  const served = await serveJsonFake(target, 'Logs_20140328.', (r) => {
    if (!OWN.has(r.operation)) return false;
    handle(r.operation, r.input(), r.res);
    return true;
  });
  return {
    url: served.url,
    queries,
    violations,
    calls,
    close: () => served.close(),
  };
}
