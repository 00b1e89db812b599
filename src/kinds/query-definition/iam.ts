import type { KindIam } from '../iam';

/**
 * Query definitions have no ARN a policy can name (DescribeQueryDefinitions has no resource type in the
 * Service Authorization Reference; Put and Delete take an id AWS assigns), so all three are on "*".
 */
export const queryDefinitionIam: KindIam = {
  wildcardReads: ['logs:DescribeQueryDefinitions'],
  arnScoped: {
    sid: 'MonitorsSavedQueries',
    actions: ['logs:PutQueryDefinition', 'logs:DeleteQueryDefinition'],
    arns: () => ['*'],
  },
  limits: [
    "Saved queries (query definitions) cannot be tagged and IAM cannot scope them: PutQueryDefinition/DeleteQueryDefinition are allowed on every query definition of the account, and monitors keeps to its own by their name's prefix (monitors/<stack>/).",
  ],
};
