import type { KindInfo } from '../kind';

/** Log groups: keyed by name; deleting one deletes its log events. */
export const logGroupInfo: KindInfo<'logGroup'> = {
  kind: 'logGroup',
  label: 'log group',
  identity: (spec) => ({ name: spec.name, nameField: 'name' }),
  hasHistory: true,
  deleteLoses: 'deleting it deletes its log events',
  renameField: 'name',
  arn: (key, accountId) => `arn:aws:logs:${key.region}:${accountId}:log-group:${key.name}`,
  declares: (spec) => [['logGroups', spec.name]],
};
