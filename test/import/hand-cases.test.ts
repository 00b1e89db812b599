/**
 * Hand cases: the human forms import writes (shortest durations, thresholds, retention, defaults left
 * out), the seed's `monitors:` block, topics by name, secrets as `${env:}`, and what it leaves out and why.
 */
import { parse } from 'yaml';
import { layoutImport } from '../../src/import/layout';
import { filterAwsName, OWNER_TAG, type LiveResource, type ResourceSpec } from '../../src/model';
import { ACCOUNT, byKey, REGION, STACK, writtenAndRead } from './round-trip-helpers';
import type { MetricAlarmSpec } from '../../src/kinds/specs';

const owner = { [OWNER_TAG]: STACK };
const alerts = `arn:aws:sns:${REGION}:${ACCOUNT}:alerts`;
const actions = {
  actionsEnabled: true,
  alarmActions: [],
  okActions: [],
  insufficientDataActions: [],
  tags: owner,
} as const;
const base = { ...actions, treatMissingData: 'missing' } as const;

const seed: ResourceSpec[] = [
  { kind: 'topic', name: 'alerts', fifo: false, tags: owner },
  {
    kind: 'subscription',
    topicName: 'alerts',
    protocol: 'email',
    endpoint: 'oncall@example.com',
    rawMessageDelivery: false,
  },
  { kind: 'logGroup', name: '/teachme/app', retentionInDays: 30, tags: owner },
  {
    kind: 'metricFilter',
    logGroupName: '/teachme/app',
    filterName: filterAwsName(STACK, 'teachme-errors'),
    filterPattern: '%ERROR%',
    transformation: {
      metricNamespace: 'TeachMe',
      metricName: 'Errors',
      metricValue: '1',
      defaultValue: 0,
      dimensions: {},
    },
  },
  {
    kind: 'metricAlarm',
    name: 'teachme-errors',
    ...base,
    alarmActions: [alerts],
    metric: { namespace: 'TeachMe', metricName: 'Errors', dimensions: {}, period: 60, statistic: 'Sum' },
    threshold: 2,
    comparisonOperator: 'GreaterThanOrEqualToThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
  },
];

test("the seed's filter and alarm are one monitors: block in the log group's file, the topic by name", async () => {
  const { texts, built } = await writtenAndRead(seed);
  expect(built).toEqual(byKey(seed));
  expect(parse(texts['teachme-app.yaml'] as string)).toEqual({
    logGroups: [{ name: '/teachme/app', retention: '30d' }],
    monitors: [
      {
        name: 'teachme-errors',
        logGroup: '/teachme/app',
        pattern: '%ERROR%',
        metric: 'TeachMe/Errors',
        alarm: '>= 2 in 1m',
        notify: 'alerts',
      },
    ],
  });
  expect(texts['teachme-app.yaml']).toMatch(
    /^# yaml-language-server: \$schema=https:\/\/.*\/schema\/monitors\.schema\.json\n/,
  );
  expect(texts['teachme-app.yaml']).toContain('# from AWS: log group /teachme/app');
  expect(parse(texts['topics.yaml'] as string)).toEqual({
    topics: [{ name: 'alerts', subscriptions: [{ email: 'oncall@example.com' }] }],
  });
  expect(parse(texts['stack.yaml'] as string)).toEqual({ stack: { name: STACK, region: REGION } });
});

test('shortest human forms: 1y, 5m, 1h, 1d, 30s, "> 0.5", "for 2 of 3"', async () => {
  const alarm = (name: string, period: number, extra: Partial<MetricAlarmSpec> = {}): MetricAlarmSpec => ({
    kind: 'metricAlarm',
    name,
    ...base,
    metric: {
      namespace: 'AWS/EC2',
      metricName: 'CPUUtilization',
      dimensions: { InstanceId: 'i-1' },
      period,
      statistic: 'Average',
    },
    threshold: 0.5,
    comparisonOperator: 'GreaterThanThreshold',
    evaluationPeriods: 1,
    datapointsToAlarm: 1,
    ...extra,
  });
  const specs: ResourceSpec[] = [
    { kind: 'logGroup', name: '/a', retentionInDays: 365, tags: owner },
    alarm('five', 300, { evaluationPeriods: 3, datapointsToAlarm: 2 }),
    alarm('hour', 3600),
    alarm('day', 86400),
    alarm('half', 30),
    alarm('tiny', 60, { threshold: 1e-7 }),
  ];
  const { texts, built } = await writtenAndRead(specs);
  expect(built).toEqual(byKey(specs));
  expect(parse(texts['a.yaml'] as string).logGroups).toEqual([{ name: '/a', retention: '1y' }]);
  const alarms = parse(texts['alarms-aws-ec2.yaml'] as string).alarms as Record<string, unknown>[];
  const by = (n: string) => alarms.find((a) => a.name === n) as { metric: { period?: string }; [k: string]: unknown };
  expect(by('five')).toMatchObject({
    threshold: '> 0.5',
    evaluationPeriods: 3,
    datapointsToAlarm: 2,
    metric: { period: '5m' },
  });
  expect(by('hour').metric.period).toBe('1h');
  expect(by('day').metric.period).toBe('1d');
  expect(by('half').metric.period).toBe('30s');
  // A number with no plain decimal form keeps the explicit comparison.
  expect(by('tiny')).toMatchObject({ threshold: 1e-7, comparison: 'GreaterThanThreshold' });
  // Defaults are left out.
  expect(by('hour')).not.toHaveProperty('evaluationPeriods');
  expect(by('hour')).not.toHaveProperty('treatMissingData');
  expect(by('hour')).not.toHaveProperty('actionsEnabled');
  expect(by('hour')).not.toHaveProperty('tags');
});

test('metric math, extended statistics and composites are written and read back equal', async () => {
  const specs: ResourceSpec[] = [
    { kind: 'topic', name: 'alerts', fifo: false, tags: owner },
    {
      kind: 'metricAlarm',
      name: 'error-rate',
      ...base,
      metrics: [
        {
          id: 'errors',
          metricStat: { namespace: 'Shop', metricName: 'Errors', dimensions: {}, period: 60, stat: 'Sum' },
          returnData: false,
        },
        {
          id: 'requests',
          metricStat: {
            namespace: 'AWS/ApplicationELB',
            metricName: 'RequestCount',
            dimensions: { LoadBalancer: 'app/x/1' },
            period: 60,
            stat: 'Sum',
          },
          returnData: false,
        },
        { id: 'rate', expression: '100 * errors / requests', label: 'Error rate', returnData: true },
      ],
      threshold: 5,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 5,
      datapointsToAlarm: 3,
      alarmActions: [alerts],
    },
    {
      kind: 'metricAlarm',
      name: 'latency-p99',
      ...base,
      metric: { namespace: 'Shop', metricName: 'Latency', dimensions: {}, period: 60, extendedStatistic: 'p99.9' },
      threshold: 250,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
      evaluateLowSampleCountPercentile: 'ignore',
    },
    {
      kind: 'metricAlarm',
      name: 'anomaly',
      ...base,
      metrics: [
        {
          id: 'm1',
          metricStat: { namespace: 'Shop', metricName: 'Orders', dimensions: {}, period: 300, stat: 'Sum' },
          returnData: true,
        },
        { id: 'band', expression: 'ANOMALY_DETECTION_BAND(m1, 2)', returnData: false },
      ],
      thresholdMetricId: 'band',
      comparisonOperator: 'LessThanLowerOrGreaterThanUpperThreshold',
      evaluationPeriods: 2,
      datapointsToAlarm: 2,
    },
    {
      kind: 'compositeAlarm',
      name: 'page',
      ...actions,
      rule: 'ALARM("error-rate") AND NOT OK("latency-p99")',
      alarmActions: [alerts],
    },
  ];
  const { texts, built, layout } = await writtenAndRead(specs);
  expect(layout.leftOut).toEqual([]);
  expect(built).toEqual(byKey(specs));
  const math = parse(texts['alarms-shop.yaml'] as string).alarms.find((a: { name: string }) => a.name === 'error-rate');
  expect(math.metrics[0]).toEqual({ id: 'errors', metric: { namespace: 'Shop', name: 'Errors', stat: 'Sum' } });
  expect(math.metrics[2]).toEqual({ id: 'rate', expression: '100 * errors / requests', label: 'Error rate' });
  expect(parse(texts['composite-alarms.yaml'] as string).compositeAlarms).toEqual([
    { name: 'page', rule: 'ALARM("error-rate") AND NOT OK("latency-p99")', notify: 'alerts' },
  ]);
});

test('web hook URLs become ${env:} references, listed without values; never in a file', async () => {
  const url = 'https://hooks.example.com/T0/B0/very-secret';
  const specs: ResourceSpec[] = [
    { kind: 'topic', name: 'alerts', fifo: false, tags: owner },
    { kind: 'subscription', topicName: 'alerts', protocol: 'https', endpoint: url, rawMessageDelivery: true },
    {
      kind: 'subscription',
      topicName: 'alerts',
      protocol: 'http',
      endpoint: 'http://x.example.com/?k=2',
      rawMessageDelivery: false,
    },
  ];
  const { texts, built, layout } = await writtenAndRead(specs);
  expect(built).toEqual(byKey(specs));
  expect(layout.secrets.map((s) => s.name).sort()).toEqual(['ALERTS_HTTPS_URL', 'ALERTS_HTTP_URL']);
  const all = Object.values(texts).join('\n');
  expect(all).not.toContain('example.com');
  expect(texts['topics.yaml']).toContain('https: ${env:ALERTS_HTTPS_URL}');
  expect(texts['.env.example']).toMatch(/^ALERTS_HTTPS_URL=$/m);
});

test('left out, with the reason: another stack, CloudFormation, a composite over what is not imported, a filter with no log group', () => {
  const live: LiveResource[] = [
    { spec: { kind: 'logGroup', name: '/x', tags: { [OWNER_TAG]: 'other' } }, owned: false, ownerStack: 'other' },
    { spec: { kind: 'logGroup', name: '/cfn', tags: { 'aws:cloudformation:stack-name': 'web' } }, owned: false },
    { spec: { kind: 'logGroup', name: '/odd', retentionInDays: 2, tags: {} }, owned: false },
    { spec: { kind: 'compositeAlarm', name: 'c', ...actions, tags: {}, rule: 'ALARM("missing")' }, owned: false },
    { spec: { kind: 'compositeAlarm', name: 'd', ...actions, tags: {}, rule: 'ALARM("c")' }, owned: false },
    {
      spec: {
        kind: 'compositeAlarm',
        name: 'e',
        ...actions,
        tags: {},
        rule: 'TRUE',
        actionsSuppressor: { alarm: 'gone', waitPeriod: 60, extensionPeriod: 60 },
      },
      owned: false,
    },
    {
      spec: {
        kind: 'metricFilter',
        logGroupName: '/nowhere',
        filterName: 'F',
        filterPattern: 'ERROR',
        transformation: { metricNamespace: 'N', metricName: 'M', metricValue: '1', dimensions: {} },
      },
      owned: false,
    },
    {
      spec: {
        kind: 'subscription',
        topicName: 't',
        protocol: 'application' as never,
        endpoint: 'arn:aws:sns:x',
        rawMessageDelivery: false,
      },
      owned: false,
    },
  ];
  const { leftOut, count } = layoutImport(live, { stack: STACK, region: REGION, accountId: ACCOUNT });
  expect(count).toBe(0);
  expect(leftOut).toEqual(
    expect.arrayContaining([
      { resource: 'log group /x', reason: expect.stringMatching(/owned by the monitors stack "other"/) },
      { resource: 'log group /cfn', reason: expect.stringMatching(/CloudFormation stack "web"/) },
      { resource: 'log group /odd', reason: expect.stringMatching(/retention of 2 days/) },
      { resource: 'composite alarm c', reason: expect.stringMatching(/"missing", which is not imported/) },
      { resource: 'composite alarm d', reason: expect.stringMatching(/"c", which is not imported/) },
      {
        resource: 'composite alarm e',
        reason: 'its actions are suppressed by "gone", which is not imported (widen the selection to include it)',
      },
      { resource: 'metric filter "F" on /nowhere', reason: 'its log group /nowhere is not imported' },
      { resource: 'application subscription on topic t', reason: 'its topic t is not imported' },
    ]),
  );
  expect(leftOut).toHaveLength(8);
});

test('a suppressor is written as the bare name when both periods are the default minute, else as a block', async () => {
  const db: MetricAlarmSpec = { ...(seed[4] as MetricAlarmSpec), name: 'db-down', alarmActions: [] };
  const page = (waitPeriod: number, extensionPeriod: number): ResourceSpec => ({
    kind: 'compositeAlarm',
    name: `page-${waitPeriod}-${extensionPeriod}`,
    ...actions,
    rule: 'ALARM("db-down")',
    actionsSuppressor: { alarm: 'db-down', waitPeriod, extensionPeriod },
  });
  const specs = [db, page(60, 60), page(120, 60), page(60, 300)];
  const { texts, built, layout } = await writtenAndRead(specs);
  expect(layout.leftOut).toEqual([]);
  const composites = parse(texts['composite-alarms.yaml'] ?? '') as { compositeAlarms: Record<string, unknown>[] };
  expect(Object.fromEntries(composites.compositeAlarms.map((c) => [c.name, c.suppressedBy]))).toEqual({
    'page-60-60': 'db-down',
    'page-120-60': { alarm: 'db-down', waitPeriod: '2m' },
    'page-60-300': { alarm: 'db-down', extensionPeriod: '5m' },
  });
  expect(built).toEqual(byKey(specs));
});

test('a console-made filter is written with awsName: its AWS name, and a monitors: block keeps it too', () => {
  const filter: LiveResource = {
    spec: {
      kind: 'metricFilter',
      logGroupName: '/teachme/app',
      filterName: 'Error Count',
      filterPattern: '%ERROR%',
      transformation: {
        metricNamespace: 'TeachMe',
        metricName: 'Errors',
        metricValue: '1',
        defaultValue: 0,
        dimensions: {},
      },
    },
    owned: false,
  };
  const group: LiveResource = { spec: { kind: 'logGroup', name: '/teachme/app', tags: {} }, owned: false };
  const alarm = seed[4] as MetricAlarmSpec;
  const o = { stack: STACK, region: REGION, accountId: ACCOUNT };
  const alone = layoutImport([group, filter], o);
  expect(alone.files[1]?.blocks[1]?.entry).toMatchObject({ name: 'Error-Count', awsName: 'Error Count' });
  const paired = layoutImport([group, filter, { spec: { ...alarm, alarmActions: [] }, owned: false }], o);
  expect(paired.files[1]?.blocks[1]).toMatchObject({
    section: 'monitors',
    entry: { name: 'teachme-errors', awsName: 'Error Count' },
  });
  // A name awsName cannot hold is left out, with the reason.
  const colon = layoutImport([group, { ...filter, spec: { ...filter.spec, filterName: 'a:b' } as never }], o);
  expect(colon.leftOut).toEqual([
    { resource: 'metric filter "a:b" on /teachme/app', reason: expect.stringMatching(/":", "\*"/) },
  ]);
});

test('a name with a control or bidi character is left out, named visibly, never written', () => {
  const hostile = (name: string): LiveResource => ({
    spec: {
      kind: 'metricAlarm',
      name,
      ...base,
      tags: {},
      metric: { namespace: 'AWS/EC2', metricName: 'CPUUtilization', dimensions: {}, period: 60, statistic: 'Average' },
      threshold: 1,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 1,
      datapointsToAlarm: 1,
    },
    owned: false,
  });
  const layout = layoutImport([hostile('evil\u202e-name'), hostile('two\nlines'), hostile('fine')], {
    stack: STACK,
    region: REGION,
    accountId: ACCOUNT,
  });
  expect(layout.count).toBe(1);
  expect(layout.leftOut.map((l) => l.reason)).toEqual([
    'it contains the control or invisible character U+202E, which monitors files refuse',
    'its name contains a tab or line break',
  ]);
});
