import type { PathSegment } from '../../shared/source-types';
import type { BuildContext, YamlForm } from '../build';
import { QUERY_DEFINITION_FIELDS } from './fields';
import { queryLocation } from './location';
import { MAX_QUERY_NAME, queryAwsName } from './names';
import { checkQuery } from './syntax';

/** A `savedQueries:` entry as the schema lets it through. */
export interface RawSavedQuery {
  readonly name: string;
  readonly query: string;
  readonly logGroups?: readonly string[];
}

/** AWS's limit on the log groups a saved query opens with (StartQuery's; the console's picker). */
export const MAX_QUERY_LOG_GROUPS = 50;

function build(ctx: BuildContext, q: RawSavedQuery, path: PathSegment[]): void {
  const name = queryAwsName(ctx.stack.name, q.name);
  if (name.length > MAX_QUERY_NAME)
    ctx.error(
      'LIMIT_EXCEEDED',
      `the saved query's name in AWS, ${name}, has ${name.length} characters; AWS allows at most ${MAX_QUERY_NAME} (monitors/<stack>/ included)`,
      ctx.at([...path, 'name']),
    );
  const queryString = q.query.replace(/\s+$/, '');
  const problem = checkQuery(queryString);
  if (problem)
    ctx.error(
      'BAD_QUERY',
      `Logs Insights query: ${problem.message}`,
      queryLocation(ctx.src, [...path, 'query'], queryString, problem.offset),
    );
  const groups = q.logGroups ?? [];
  if (groups.length > MAX_QUERY_LOG_GROUPS)
    ctx.error(
      'LIMIT_EXCEEDED',
      `${groups.length} log groups; a Logs Insights query opens at most ${MAX_QUERY_LOG_GROUPS}`,
      ctx.at([...path, 'logGroups']),
    );
  ctx.push(
    {
      spec: { kind: 'queryDefinition', name, queryString, logGroupNames: [...new Set(groups)].sort() },
      source: ctx.at(path),
    },
    QUERY_DEFINITION_FIELDS,
    path,
  );
}

/** `savedQueries:`: Logs Insights queries saved in the console, in folders by `/` in their names. */
export const savedQueriesForm: YamlForm = {
  key: 'savedQueries',
  proseKeys: ['query'],
  build(ctx, raw) {
    (raw.savedQueries as RawSavedQuery[] | undefined)?.forEach((q, i) => build(ctx, q, ['savedQueries', i]));
  },
};
