import type { KindInfo } from '../kind';
import { alarmIam } from '../shared/alarm-iam';
import { alarmInfo } from '../shared/alarm-info';

/** Composite alarms: keyed by name, in the alarms' name space; the rule reads one operand per line. */
export const compositeAlarmInfo: KindInfo<'compositeAlarm'> = {
  kind: 'compositeAlarm',
  label: 'composite alarm',
  ...alarmInfo,
  lineFields: { rule: (rule) => rule.split(/\s+(?=(?:AND|OR)\s)/) },
  iam: alarmIam('cloudwatch:PutCompositeAlarm'),
  quotas: {
    'CloudWatch.PutCompositeAlarm': 3,
    'CloudWatch.DeleteAlarms': 3,
    'CloudWatch.DescribeAlarms': 9,
    'CloudWatch.TagResource': 20,
    'CloudWatch.UntagResource': 20,
  },
};
