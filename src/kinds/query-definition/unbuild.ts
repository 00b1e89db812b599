import { entry, type KindUnbuild } from '../unbuild';
import { queryYamlName } from './names';
import { checkQuery } from './syntax';

/**
 * A saved query as `savedQueries:` writes it: its name without the stack's prefix, the query as a
 * block. Only the stack's own are ever read (names.ts), so a query of another name is not written.
 */
export const queryDefinitionUnbuild: KindUnbuild<'queryDefinition'> = {
  section: 'savedQueries',
  about: 'Logs Insights saved queries.',
  unbuild(spec, ctx) {
    const name = queryYamlName(ctx.stack, spec.name);
    if (name === undefined) return { unsupported: `its name is not under monitors/${ctx.stack}/` };
    const problem = checkQuery(spec.queryString);
    if (problem) return { unsupported: `its query is not one this tool can check (${problem.message})` };
    return {
      entry: entry({
        name,
        logGroups: spec.logGroupNames.length > 0 ? [...spec.logGroupNames] : undefined,
        query: spec.queryString,
      }),
    };
  },
};
