/**
 * CloudWatch alarm notifications as CloudWatch publishes them to SNS, one per kind of alarm, built
 * from the documented shape (AlarmName, NewStateValue, NewStateReason, StateChangeTime with a +0000
 * offset, AlarmArn, Trigger or AlarmRule/TriggeringChildren), with overrides per test.
 */
import type { AlarmState } from '../../src/forwarder/alarm';

export type Kind = 'metric' | 'math' | 'composite';

const REASON: Record<AlarmState, string> = {
  ALARM:
    'Threshold Crossed: 2 out of the last 2 datapoints [3.0 (25/11/26 15:59:00), 2.0 (25/11/26 15:58:00)] was greater than or equal to the threshold (2.0) (minimum 2 datapoints for OK -> ALARM transition).',
  OK: 'Threshold Crossed: 1 out of the last 2 datapoints [0.0 (25/11/26 16:05:00)] was not greater than or equal to the threshold (2.0) (minimum 1 datapoint for ALARM -> OK transition).',
  INSUFFICIENT_DATA: 'Insufficient Data: 2 datapoints were unknown.',
};

/** One notification's JSON (the SNS Message), as an object to override. */
export function notification(
  kind: Kind,
  state: AlarmState,
  extra: Record<string, unknown> = {},
): Record<string, unknown> {
  const name = kind === 'composite' ? 'teachme-down' : 'teachme-errors';
  const base: Record<string, unknown> = {
    AlarmName: name,
    AlarmDescription: 'ERROR lines in the TeachMe app log',
    AWSAccountId: '123456789012',
    AlarmConfigurationUpdatedTimestamp: '2026-11-25T10:00:00.000+0000',
    NewStateValue: state,
    NewStateReason: REASON[state],
    StateChangeTime: '2026-11-25T16:00:24.123+0000',
    Region: 'US East (N. Virginia)',
    AlarmArn: `arn:aws:cloudwatch:us-east-1:123456789012:alarm:${name}`,
    OldStateValue: state === 'OK' ? 'ALARM' : 'OK',
    OKActions: [],
    AlarmActions: ['arn:aws:sns:us-east-1:123456789012:teachme-alerts'],
    InsufficientDataActions: [],
  };
  if (kind === 'metric')
    base.Trigger = {
      MetricName: 'Errors',
      Namespace: 'TeachMe',
      StatisticType: 'Statistic',
      Statistic: 'SUM',
      Unit: null,
      Dimensions: [],
      Period: 60,
      EvaluationPeriods: 2,
      DatapointsToAlarm: 2,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      Threshold: 2.0,
      TreatMissingData: 'notBreaching',
      EvaluateLowSampleCountPercentile: '',
    };
  if (kind === 'math')
    base.Trigger = {
      Period: 60,
      EvaluationPeriods: 1,
      ComparisonOperator: 'GreaterThanThreshold',
      Threshold: 5.0,
      TreatMissingData: 'missing',
      Metrics: [
        { Expression: '100 * errors / requests', Id: 'rate', Label: 'Error rate (%)', ReturnData: true },
        {
          Id: 'errors',
          MetricStat: {
            Metric: { Dimensions: [], MetricName: 'Errors', Namespace: 'TeachMe' },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
        {
          Id: 'requests',
          MetricStat: {
            Metric: { Dimensions: [{ value: 'web', name: 'Service' }], MetricName: 'Requests', Namespace: 'TeachMe' },
            Period: 60,
            Stat: 'Sum',
          },
          ReturnData: false,
        },
      ],
    };
  if (kind === 'composite') {
    base.AlarmRule = 'ALARM("teachme-errors") OR ALARM("teachme-latency")';
    base.NewStateReason =
      'arn:aws:cloudwatch:us-east-1:123456789012:alarm:teachme-errors transitioned to ALARM at Tuesday 25 November, 2026 16:00:24 UTC';
    base.TriggeringChildren = [
      {
        Arn: 'arn:aws:cloudwatch:us-east-1:123456789012:alarm:teachme-errors',
        State: { Value: state === 'OK' ? 'OK' : 'ALARM', Timestamp: '2026-11-25T16:00:24.123+0000' },
      },
    ];
  }
  return { ...base, ...extra };
}

/** The SNS event Lambda receives for one message. */
export function snsEvent(message: unknown): { Records: { EventSource: string; Sns: Record<string, unknown> }[] } {
  return {
    Records: [
      {
        EventSource: 'aws:sns',
        Sns: {
          Type: 'Notification',
          MessageId: '95df01b4-ee98-5cb9-9903-4c221d41eb5e',
          TopicArn: 'arn:aws:sns:us-east-1:123456789012:teachme-alerts',
          Subject: 'ALARM: "teachme-errors" in US East (N. Virginia)',
          Message: typeof message === 'string' ? message : JSON.stringify(message),
          Timestamp: '2026-11-25T16:00:24.200Z',
        },
      },
    ],
  };
}

/** A name and description an attacker (or an unlucky colleague) could write. */
export const HOSTILE = {
  name: 'x *bold* _i_ `c` <!channel> <@U123> @everyone @here [click](https://evil.example) <users/all> <at>Boss</at> &amp; #h',
  description: 'Line **one** <script>alert(1)</script>\n> quote @everyone <!here> <users/all> [x](javascript:alert(1))',
};
