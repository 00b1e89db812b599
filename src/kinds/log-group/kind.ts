import type { KindInfo } from '../kind';
import { logGroupIam } from './iam';

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
  iam: logGroupIam,
  quotas: {
    'CloudWatchLogs.CreateLogGroup': 5,
    'CloudWatchLogs.DeleteLogGroup': 5,
    'CloudWatchLogs.PutRetentionPolicy': 5,
    'CloudWatchLogs.DeleteRetentionPolicy': 5,
    'CloudWatchLogs.TagResource': 5,
    'CloudWatchLogs.UntagResource': 5,
    'CloudWatchLogs.DescribeLogGroups': 10,
  },
};
