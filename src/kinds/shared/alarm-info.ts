import type { ResourceKey } from '../../model/keys';
import type { Identity } from '../kind';

/** What metric and composite alarms share: one name space, one ARN form, one history. */
export const alarmInfo = {
  identity: (spec: { readonly name: string }): Identity => ({ name: spec.name, nameField: 'name' }),
  nameSpace: { id: 'alarm', label: 'alarm' },
  hasHistory: true,
  deleteLoses: 'its history is lost',
  renameField: 'name',
  arn: (key: ResourceKey, accountId: string) => `arn:aws:cloudwatch:${key.region}:${accountId}:alarm:${key.name}`,
  declares: (spec: { readonly name: string }) => [['alarms', spec.name] as const],
} as const;
