import type { KindInfo } from '../kind';
import { queryDefinitionIam } from './iam';
import { queryAwsName, queryYamlName } from './names';

/**
 * Logs Insights saved queries: keyed by their AWS name, which carries the owning stack (names.ts).
 * AWS identifies one by an id it assigns, kept where other kinds keep their ARN; a rename is
 * therefore a new query (the old one deleted), and nothing of value is lost by either.
 */
export const queryDefinitionInfo: KindInfo<'queryDefinition'> = {
  kind: 'queryDefinition',
  label: 'saved query',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: false,
  renameField: 'name',
  renamedForStack(spec, formerStack, stack) {
    const own = queryYamlName(formerStack, spec.name);
    return own === undefined ? spec : { ...spec, name: queryAwsName(stack, own) };
  },
  iam: queryDefinitionIam,
  quotas: {
    'CloudWatchLogs.PutQueryDefinition': 5,
    'CloudWatchLogs.DeleteQueryDefinition': 5,
    'CloudWatchLogs.DescribeQueryDefinitions': 5,
  },
};
