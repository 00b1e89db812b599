import type { ResourceKey } from '../../model/keys';
import type { Identity } from '../kind';
import type { AlarmActions } from './alarm-spec';

/** What metric and composite alarms share: one name space, one ARN form, one history. */
export const alarmInfo = {
  identity: (spec: { readonly name: string }): Identity => ({ name: spec.name, nameField: 'name' }),
  nameSpace: { id: 'alarm', label: 'alarm' },
  hasHistory: true,
  deleteLoses: 'its history is lost',
  renameField: 'name',
  arn: (key: ResourceKey, accountId: string) => `arn:aws:cloudwatch:${key.region}:${accountId}:alarm:${key.name}`,
  declares: (spec: { readonly name: string }) => [['alarms', spec.name] as const],
  // Alarm actions name topics by ARN; the files' topic names were built for the placeholder account.
  withAccount: <S extends AlarmActions>(spec: S, fix: (arn: string) => string): S => ({
    ...spec,
    alarmActions: spec.alarmActions.map(fix).sort(),
    okActions: spec.okActions.map(fix).sort(),
    insufficientDataActions: spec.insufficientDataActions.map(fix).sort(),
  }),
} as const;
