import type { Change, Plan } from '../../src/model';
import type { MetricAlarmSpec, SubscriptionSpec, TopicSpec } from '../../src/kinds/specs';

const region = 'us-east-1';

/** A metric alarm spec with overrides. */
export function alarmSpec(overrides: Partial<MetricAlarmSpec> = {}): MetricAlarmSpec {
  return {
    kind: 'metricAlarm',
    name: 'teachme-errors',
    metric: { namespace: 'TeachMe', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
    threshold: 2,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    treatMissingData: 'missing',
    actionsEnabled: true,
    alarmActions: ['arn:aws:sns:us-east-1:123456789012:teachme-alerts'],
    okActions: [],
    insufficientDataActions: [],
    tags: { 'monitors:stack': 'teachme' },
    ...overrides,
  };
}

/** A topic spec with overrides. */
export function topicSpec(overrides: Partial<TopicSpec> = {}): TopicSpec {
  return { kind: 'topic', name: 'teachme-alerts', fifo: false, tags: { 'monitors:stack': 'teachme' }, ...overrides };
}

/** An https subscription whose endpoint is a secret webhook URL. */
export function webhookSpec(endpoint: string): SubscriptionSpec {
  return { kind: 'subscription', topicName: 'teachme-alerts', protocol: 'https', endpoint, rawMessageDelivery: false };
}

/** A plan around the given changes. */
export function planOf(changes: Change[], overrides: Partial<Plan> = {}): Plan {
  return {
    version: 1,
    stack: 'teachme',
    region,
    accountId: '123456789012',
    changes,
    guards: [],
    notices: [],
    liveFingerprint: 'abc123',
    ...overrides,
  };
}

export const SECRET_URL = 'https://hooks.slack.example/services/T000/B000/XXXXSECRET';

/** One change of every action, in plan order. */
export function everyAction(): Change[] {
  const key = (kind: Change['key']['kind'], name: string, parent?: string) => ({ kind, region, name, parent });
  return [
    {
      action: 'create',
      key: key('topic', 'teachme-alerts'),
      after: topicSpec(),
      source: { file: 'monitors/stack.yaml', line: 7, column: 5 },
    },
    {
      action: 'create',
      key: key('subscription', `https:${SECRET_URL}`, 'teachme-alerts'),
      after: webhookSpec(SECRET_URL),
    },
    {
      action: 'update',
      seen: 'fixture',
      key: key('metricAlarm', 'teachme-errors'),
      before: alarmSpec(),
      after: alarmSpec({ threshold: 3, tags: { 'monitors:stack': 'teachme', team: 'web' } }),
      diffs: [
        { path: 'threshold', before: 2, after: 3, forcesReplacement: false },
        { path: 'tags.team', before: undefined, after: 'web', forcesReplacement: false },
      ],
    },
    {
      action: 'replace',
      seen: 'fixture',
      key: key('topic', 'orders.fifo'),
      before: topicSpec({ name: 'orders.fifo' }),
      after: topicSpec({ name: 'orders.fifo', fifo: true }),
      diffs: [{ path: 'fifo', before: false, after: true, forcesReplacement: true }],
      reason: 'fifo cannot change in place: the topic is deleted and created again',
    },
    {
      action: 'delete',
      seen: 'fixture',
      key: key('metricAlarm', 'old-alarm'),
      before: alarmSpec({ name: 'old-alarm' }),
      reason: 'no longer declared in monitors/',
    },
    {
      action: 'adopt',
      seen: 'fixture',
      key: key('metricAlarm', 'console-made'),
      before: alarmSpec({ name: 'console-made', tags: {} }),
      after: alarmSpec({ name: 'console-made' }),
      diffs: [{ path: 'tags.monitors:stack', before: undefined, after: 'teachme', forcesReplacement: false }],
    },
    { action: 'noop', key: key('metricAlarm', 'same'), before: alarmSpec({ name: 'same' }) },
  ];
}
