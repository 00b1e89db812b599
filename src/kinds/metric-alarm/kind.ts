import type { KindInfo } from '../kind';
import { alarmIam } from '../shared/alarm-iam';
import { alarmInfo } from '../shared/alarm-info';

/** Metric alarms: keyed by name, region-wide; deleting one loses its state history. */
export const metricAlarmInfo: KindInfo<'metricAlarm'> = {
  kind: 'metricAlarm',
  label: 'metric alarm',
  ...alarmInfo,
  iam: alarmIam('cloudwatch:PutMetricAlarm'),
  quotas: {
    'CloudWatch.PutMetricAlarm': 3,
    'CloudWatch.DeleteAlarms': 3,
    'CloudWatch.DescribeAlarms': 9,
    'CloudWatch.TagResource': 20,
    'CloudWatch.UntagResource': 20,
  },
};
