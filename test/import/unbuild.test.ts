/**
 * unbuild is the reverse of each kind's YAML form: for every kind, a normalized spec (as the live
 * reader returns it) written by import and read back by the real loader (schema, build, checks) is
 * the same spec. Generated specs (fast-check) and hand cases for the forms that are easy to get wrong.
 */
import fc from 'fast-check';
import { RETENTION_DAYS } from '../../src/config/forms';
import { RESOURCE_KINDS } from '../../src/kinds/registry';
import { filterAwsName, OWNER_TAG, type ResourceKind, type ResourceSpec } from '../../src/model';
import { canonicalJson, normalizeEmail, normalizeRule, sortedRecord, sortedUnique } from '../../src/model/normalize';
import { UNBUILDS } from '../../src/kinds/unbuilds';
import type { SubscriptionFilterSpec } from '../../src/kinds/subscription-filter/spec';
import type { QueryDefinitionSpec } from '../../src/kinds/query-definition/spec';
import type { AnomalyDetectorSpec } from '../../src/kinds/anomaly-detector/spec';
import { isoSeconds } from '../../src/kinds/anomaly-detector/time';
import type { LogAnomalyDetectorSpec } from '../../src/kinds/log-anomaly-detector/spec';
import type { DataProtectionPolicySpec } from '../../src/kinds/data-protection-policy/spec';
import { buildDocument } from '../../src/kinds/data-protection-policy/document';
import { ACCOUNT, byKey, REGION, STACK, writtenAndRead } from './round-trip-helpers';
import type {
  CompositeAlarmSpec,
  LogGroupSpec,
  MetricAlarmSpec,
  MetricFilterSpec,
  MetricQuery,
  SubscriptionSpec,
  TopicSpec,
} from '../../src/kinds/specs';

const RUNS = { numRuns: 40 };
const owner = { [OWNER_TAG]: STACK };
const word = fc.stringMatching(/^[a-z][a-z0-9]{0,7}$/);
const tags = fc
  .dictionary(fc.stringMatching(/^[a-z][a-zA-Z0-9_.:/=+@-]{0,15}$/), fc.stringMatching(/^[ -~]{0,12}$/), { maxKeys: 3 })
  .filter((t) => !Object.keys(t).some((k) => k.startsWith('aws:') || k.startsWith('monitors:')))
  .filter((t) => !Object.values(t).some((v) => v.includes('${')))
  .map((t) => ({ ...t, ...owner }));
const text = fc.stringMatching(/^[A-Za-z0-9][ -~]{0,30}$/).filter((s) => !s.includes('${') && s.trim() === s);
const topicArn = (name: string) => `arn:aws:sns:${REGION}:${ACCOUNT}:${name}`;

const topicSpec: fc.Arbitrary<TopicSpec> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9_-]{1,20}$/),
    fifo: fc.boolean(),
    displayName: fc.option(text, { nil: undefined }),
    kmsMasterKeyId: fc.option(fc.constantFrom('alias/aws/sns', 'alias/alerts'), { nil: undefined }),
    tags,
  })
  .map((t) => ({ kind: 'topic', ...t, name: t.fifo ? `${t.name}.fifo` : t.name }));

const endpoint: Record<SubscriptionSpec['protocol'], fc.Arbitrary<string>> = {
  email: fc.tuple(word, word).map(([a, b]) => normalizeEmail(`${a}@${b.toUpperCase()}.example.com`)),
  'email-json': fc.tuple(word, word).map(([a, b]) => `${a}@${b}.example.org`),
  sms: fc.stringMatching(/^\+[1-9][0-9]{6,14}$/),
  https: fc.tuple(word, word).map(([h, p]) => `https://${h}.example.com/hook/${p}?token=${p}x`),
  http: word.map((h) => `http://${h}.example.net/ingest`),
  lambda: word.map((f) => `arn:aws:lambda:${REGION}:${ACCOUNT}:function:${f}`),
  sqs: word.map((q) => `arn:aws:sqs:${REGION}:${ACCOUNT}:${q}`),
};
const subscriptionOn = (topicName: string): fc.Arbitrary<SubscriptionSpec> =>
  fc
    .constantFrom(...(Object.keys(endpoint) as SubscriptionSpec['protocol'][]))
    .chain((protocol) =>
      fc.record({
        protocol: fc.constant(protocol),
        endpoint: endpoint[protocol],
        filterPolicy: fc.option(
          fc
            .dictionary(word, fc.array(fc.oneof(word, fc.integer()), { minLength: 1, maxLength: 3 }), {
              minKeys: 1,
              maxKeys: 2,
            })
            .map(canonicalJson),
          { nil: undefined },
        ),
        rawMessageDelivery: fc.boolean(),
      }),
    )
    .map((s) => ({ kind: 'subscription', topicName, ...s }));

const logGroupSpec: fc.Arbitrary<LogGroupSpec> = fc.record({
  kind: fc.constant('logGroup' as const),
  name: fc.stringMatching(/^\/[a-z]{1,8}(\/[a-zA-Z0-9._#-]{1,10})?$/),
  retentionInDays: fc.option(fc.constantFrom(...RETENTION_DAYS), { nil: undefined }),
  kmsKeyId: fc.option(fc.constant(`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`), {
    nil: undefined,
  }),
  tags,
});

/** Patterns with the metric values and dimensions that may read them. */
const filterShape = fc.oneof(
  fc.record({
    pattern: fc.constantFrom('ERROR', '%ERROR%', '"timed out"', '?ERROR ?FATAL', ''),
    value: fc.constantFrom('1', '2', '0.5', '10'),
    dimensions: fc.constant({}),
  }),
  fc.record({
    pattern: fc.constantFrom('{ $.latency > 0 }', '{ $.level = "error" && $.service = * }'),
    value: fc.constantFrom('1', '$.latency', '$.response.bytes'),
    dimensions: fc.dictionary(
      fc.constantFrom('Service', 'Route', 'Level'),
      fc.constantFrom('$.service', '$.route', '$.level'),
      { maxKeys: 3 },
    ),
  }),
  fc.record({
    pattern: fc.constant('[ip, user, ts, request, status=5*, size]'),
    value: fc.constantFrom('1', '$size', '$6'),
    dimensions: fc.dictionary(fc.constantFrom('Status', 'User'), fc.constantFrom('$status', '$user'), { maxKeys: 2 }),
  }),
);
const filterOn = (logGroupName: string): fc.Arbitrary<MetricFilterSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
      // Made by this stack (its prefix), or in the console under a name of its own (adopted by awsName).
      consoleName: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._#/-]{0,30}$/), { nil: undefined }),
      shape: filterShape,
      namespace: fc.stringMatching(/^[A-Z][A-Za-z0-9/]{0,12}$/),
      metricName: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/),
      defaultValue: fc.option(fc.constantFrom(0, 1, 2.5), { nil: undefined }),
      unit: fc.option(fc.constantFrom('Count', 'Milliseconds', 'Bytes/Second'), { nil: undefined }),
    })
    .map((f) => ({
      kind: 'metricFilter',
      logGroupName,
      filterName: f.consoleName ?? filterAwsName(STACK, f.name),
      filterPattern: f.shape.pattern,
      transformation: {
        metricName: f.metricName,
        metricNamespace: f.namespace,
        metricValue: f.shape.value,
        defaultValue: Object.keys(f.shape.dimensions).length > 0 ? undefined : f.defaultValue,
        unit: f.unit,
        dimensions: sortedRecord(f.shape.dimensions),
      },
    }));

const STATS = [
  'Sum',
  'Average',
  'Minimum',
  'Maximum',
  'SampleCount',
  'p99',
  'p99.9',
  'p50',
  'tm90',
  'wm99',
  'tc90',
  'ts10',
  'TM(10%:90%)',
  'PR(:300)',
];
const BASIC = new Set(['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount']);
const period = fc.constantFrom(10, 20, 30, 60, 120, 300, 900, 3600, 21600, 86400);
const dims = fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/), fc.stringMatching(/^[a-z0-9/-]{1,12}$/), {
  maxKeys: 3,
});
const threshold = fc.oneof(
  fc.integer({ min: -1000, max: 100000 }),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((x) => (Object.is(x, -0) ? 0 : x)),
);
const ops = [
  'GreaterThanOrEqualToThreshold',
  'GreaterThanThreshold',
  'LessThanThreshold',
  'LessThanOrEqualToThreshold',
] as const;
const actionArns = (topics: readonly string[]) =>
  fc
    .uniqueArray(
      fc.constantFrom(
        ...topics.map(topicArn),
        'arn:aws:sns:us-east-1:999999999999:elsewhere',
        'arn:aws:automate:us-east-1:ec2:stop',
      ),
      {
        maxLength: 3,
      },
    )
    .map((l) => sortedUnique(l));

const metricStat = fc.record({
  namespace: fc.constantFrom('AWS/EC2', 'AWS/Lambda', 'Shop', 'Shop/API'),
  metricName: fc.stringMatching(/^[A-Z][A-Za-z0-9]{0,12}$/),
  dimensions: dims.map(sortedRecord),
  period,
  stat: fc.constantFrom(...STATS),
  unit: fc.option(fc.constantFrom('Count', 'Percent', 'Seconds'), { nil: undefined }),
});

const metricMath: fc.Arbitrary<MetricQuery[]> = fc
  .tuple(
    metricStat,
    fc.option(metricStat, { nil: undefined }),
    fc.option(text, { nil: undefined }),
    fc.option(period, { nil: undefined }),
    fc.boolean(),
  )
  .map(([a, b, label, p, crossAccount]) => [
    { id: 'm1', metricStat: a, returnData: false, ...(crossAccount ? { accountId: '210987654321' } : {}) },
    ...(b ? [{ id: 'm2', metricStat: b, returnData: false }] : []),
    { id: 'e1', expression: b ? '100 * m1 / m2' : 'RATE(m1)', returnData: true, label, period: p },
  ]);

/** A Metrics Insights alarm's one query: as `query:` writes it (q1), or under another id (kept as `metrics:`). */
const insightsQuery: fc.Arbitrary<MetricQuery[]> = fc
  .tuple(
    fc.constantFrom(
      'SELECT AVG(CPUUtilization) FROM SCHEMA("AWS/EC2", InstanceId)',
      'SELECT MAX(Duration)\nFROM SCHEMA("AWS/Lambda", FunctionName)\nWHERE FunctionName != \'canary\'\nGROUP BY FunctionName\nORDER BY MAX() DESC\nLIMIT 10',
      'select sum(Errors) from "Shop/API" group by Route',
    ),
    fc.constantFrom(60, 300, 600),
    fc.constantFrom('q1', 'q1', 'mi'),
  )
  .map(([expression, p, id]) => [{ id, expression, returnData: true, period: p }]);

const alarmOn = (topics: readonly string[]): fc.Arbitrary<MetricAlarmSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,30}$/),
      description: fc.option(text, { nil: undefined }),
      single: fc.option(metricStat, { nil: undefined }),
      math: metricMath,
      insights: fc.option(insightsQuery, { nil: undefined }),
      threshold,
      comparisonOperator: fc.constantFrom(...ops),
      evaluationPeriods: fc.integer({ min: 1, max: 6 }),
      dp: fc.integer({ min: 1, max: 6 }),
      treatMissingData: fc.constantFrom('breaching', 'notBreaching', 'ignore', 'missing' as const),
      evaluateLowSampleCountPercentile: fc.option(fc.constantFrom('evaluate', 'ignore'), { nil: undefined }),
      actionsEnabled: fc.boolean(),
      alarmActions: actionArns(topics),
      okActions: actionArns(topics),
      insufficientDataActions: actionArns(topics),
      tags,
    })
    .map(({ single, math, insights, dp, ...a }) => ({
      kind: 'metricAlarm',
      ...a,
      datapointsToAlarm: Math.min(dp, a.evaluationPeriods),
      metric: single && {
        namespace: single.namespace,
        metricName: single.metricName,
        dimensions: single.dimensions,
        period: single.period,
        statistic: BASIC.has(single.stat) ? single.stat : undefined,
        extendedStatistic: BASIC.has(single.stat) ? undefined : single.stat,
        unit: single.unit,
      },
      metrics: single ? undefined : (insights ?? math),
    }));

const compositeOver = (alarms: readonly string[], topics: readonly string[]): fc.Arbitrary<CompositeAlarmSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[a-z][a-z0-9-]{0,20}$/).map((n) => `c-${n}`),
      refs: fc.array(fc.tuple(fc.constantFrom('ALARM', 'OK', 'INSUFFICIENT_DATA'), fc.constantFrom(...alarms)), {
        minLength: 1,
        maxLength: 3,
      }),
      join: fc.constantFrom(' AND ', ' OR '),
      description: fc.option(text, { nil: undefined }),
      actionsEnabled: fc.boolean(),
      alarmActions: actionArns(topics),
      okActions: actionArns(topics),
      insufficientDataActions: actionArns(topics),
      // Both written forms: the bare name (default periods) and the block, and an ARN of another account.
      actionsSuppressor: fc.option(
        fc.record({
          alarm: fc.constantFrom(...alarms, 'arn:aws:cloudwatch:eu-west-1:210987654321:alarm:elsewhere'),
          waitPeriod: fc.constantFrom(0, 45, 60, 120, 3600),
          extensionPeriod: fc.constantFrom(60, 90, 300, 86400),
        }),
        { nil: undefined },
      ),
      tags,
    })
    .map(({ refs, join, actionsSuppressor, ...c }) => ({
      kind: 'compositeAlarm',
      ...c,
      rule: normalizeRule(refs.map(([f, n]) => `${f}("${n}")`).join(join)),
      ...(actionsSuppressor ? { actionsSuppressor } : {}),
    }));

/** The specs written and read back equal the specs, every one of them, and nothing left out. */
/** A subscription filter on the log group: each destination form, by ARN, with the role Kinesis and Firehose need. */
const subscriptionFilterOn = (logGroupName: string): fc.Arbitrary<SubscriptionFilterSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[A-Za-z0-9_-]{1,30}$/),
      consoleName: fc.option(fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 ._#/-]{0,30}$/), { nil: undefined }),
      pattern: fc.constantFrom('', 'ERROR', '{ $.level = "error" }', '[ip, user, status=5*]'),
      target: fc.constantFrom(
        [`arn:aws:lambda:${REGION}:${ACCOUNT}:function:ship`, undefined],
        [`arn:aws:kinesis:${REGION}:${ACCOUNT}:stream/logs`, `arn:aws:iam::${ACCOUNT}:role/to-kinesis`],
        [`arn:aws:firehose:${REGION}:${ACCOUNT}:deliverystream/logs`, `arn:aws:iam::${ACCOUNT}:role/to-firehose`],
        [`arn:aws:logs:${REGION}:210987654321:destination:central`, undefined],
      ),
      distribution: fc.constantFrom('ByLogStream' as const, 'Random' as const),
    })
    .map((f) => ({
      kind: 'subscriptionFilter',
      logGroupName,
      filterName: f.consoleName ?? filterAwsName(STACK, f.name),
      filterPattern: f.pattern,
      destinationArn: f.target[0] as string,
      roleArn: f.target[1],
      distribution: f.distribution,
    }));

/** A saved query of the stack: folders in its name, a one-line or many-line query, log groups or none. */
const savedQuery: fc.Arbitrary<QueryDefinitionSpec> = fc
  .record({
    name: fc.stringMatching(/^[A-Za-z0-9_-]{1,12}(\/[A-Za-z0-9_. -]{0,10}[A-Za-z0-9_-])?$/),
    query: fc.constantFrom(
      'fields @message',
      'fields @timestamp, @message\n| filter @message like /ERROR|WARN/\n| sort @timestamp desc\n| limit 20',
      'stats count(*) by bin(5m)',
      '  fields @message # indented first line',
    ),
    groups: fc.uniqueArray(fc.stringMatching(/^\/[a-z]{1,8}$/), { maxLength: 3 }),
  })
  .map((q) => ({
    kind: 'queryDefinition',
    name: `monitors/${STACK}/${q.name}`,
    queryString: q.query,
    logGroupNames: [...q.groups].sort(),
  }));

/** A single-metric anomaly detector: dimensions or none, any statistic it takes, zones and excluded ranges. */
const HOUR = 3_600_000;
const anomalyDetector: fc.Arbitrary<AnomalyDetectorSpec> = fc
  .record({
    namespace: fc.constantFrom('AWS/EC2', 'AWS/ApplicationELB', 'Shop', 'Shop/Checkout'),
    metricName: fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,15}$/),
    dimensions: fc.dictionary(fc.stringMatching(/^[A-Z][A-Za-z]{0,8}$/), fc.stringMatching(/^[a-z0-9/_-]{1,12}$/), {
      maxKeys: 3,
    }),
    stat: fc.constantFrom('Average', 'Sum', 'SampleCount', 'p90', 'p99.9', 'tm90', 'TM(10%:90%)', 'IQM'),
    ranges: fc.array(fc.tuple(fc.integer({ min: 0, max: 40_000 }), fc.integer({ min: 1, max: 500 })), { maxLength: 3 }),
    zone: fc.option(fc.constantFrom('Europe/Paris', 'America/New_York', 'Asia/Kolkata'), { nil: undefined }),
  })
  .map((d) => ({
    kind: 'anomalyDetector',
    namespace: d.namespace,
    metricName: d.metricName,
    dimensions: sortedRecord(d.dimensions),
    stat: d.stat,
    excludedTimeRanges: d.ranges
      .map(([h, len]) => ({
        start: isoSeconds(Date.UTC(2025, 0, 1) + h * HOUR),
        end: isoSeconds(Date.UTC(2025, 0, 1) + (h + len) * HOUR),
      }))
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : a.end < b.end ? -1 : 1)),
    ...(d.zone !== undefined ? { metricTimezone: d.zone } : {}),
  }));

/** A metric-math detector: two metrics (a unit, a query period or none) and the expression it models. */
const mathDetector: fc.Arbitrary<AnomalyDetectorSpec> = fc
  .record({
    names: fc.uniqueArray(fc.stringMatching(/^[A-Z][a-z]{0,8}$/), { minLength: 2, maxLength: 2 }),
    stat: fc.constantFrom('Sum', 'Average', 'p99'),
    period: fc.constantFrom(60, 300, 3600),
    unit: fc.option(fc.constantFrom('Count', 'Milliseconds'), { nil: undefined }),
    label: fc.option(fc.stringMatching(/^[a-z][a-z ]{0,10}[a-z]$/), { nil: undefined }),
    queryPeriod: fc.option(fc.constantFrom(300, 900), { nil: undefined }),
  })
  .map((d) => ({
    kind: 'anomalyDetector',
    metrics: [
      ...d.names.map((metricName, i) => ({
        id: `m${i + 1}`,
        returnData: false,
        metricStat: {
          namespace: 'Shop',
          metricName,
          dimensions: (i === 0 ? {} : { Site: 'eu' }) as Readonly<Record<string, string>>,
          period: d.period,
          stat: d.stat,
          ...(d.unit !== undefined && i === 0 ? { unit: d.unit } : {}),
        },
      })),
      {
        id: 'e1',
        expression: 'm1 / m2',
        returnData: true,
        ...(d.label !== undefined ? { label: d.label } : {}),
        ...(d.queryPeriod !== undefined ? { period: d.queryPeriod } : {}),
      },
    ],
    excludedTimeRanges: [],
  }));
/** A detector on a log group of the files (written by name), every frequency, pattern and visibility. */
const detectorOn = (logGroupName: string): fc.Arbitrary<LogAnomalyDetectorSpec> =>
  fc
    .record({
      name: fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9 _.-]{0,20}$/).filter((n) => n.trim() === n),
      evaluationFrequency: fc.constantFrom(
        'ONE_MIN' as const,
        'FIVE_MIN' as const,
        'TEN_MIN' as const,
        'FIFTEEN_MIN' as const,
        'THIRTY_MIN' as const,
        'ONE_HOUR' as const,
      ),
      filterPattern: fc.constantFrom(
        '',
        'ERROR',
        '"Connection refused"',
        '{ $.level = "ERROR" }',
        '[ip, user, status=5*]',
      ),
      anomalyVisibilityDays: fc.integer({ min: 7, max: 90 }),
      enabled: fc.boolean(),
      kmsKeyId: fc.option(fc.constant(`arn:aws:kms:${REGION}:${ACCOUNT}:key/1234abcd-12ab-34cd-56ef-1234567890ab`), {
        nil: undefined,
      }),
      tags,
    })
    .map((d) => ({
      kind: 'logAnomalyDetector',
      ...d,
      logGroupArns: [`arn:aws:logs:${REGION}:${ACCOUNT}:log-group:${logGroupName}`],
    }));

/** A data-protection policy on a log group of the files: managed identifiers (global, by country, or ARNs), an optional description and findings destinations. */
const policyOn = (logGroupName: string): fc.Arbitrary<DataProtectionPolicySpec> =>
  fc
    .record({
      ids: fc.uniqueArray(
        fc.constantFrom('EmailAddress', 'AwsSecretKey', 'IpAddress', 'DriversLicense-US', 'Ssn-US', 'PhoneNumber-GB'),
        {
          minLength: 1,
          maxLength: 4,
        },
      ),
      description: fc.option(text, { nil: undefined }),
      logs: fc.option(fc.constant('/findings/pii'), { nil: undefined }),
      s3: fc.option(
        word.map((w) => `${w}-findings`),
        { nil: undefined },
      ),
      firehose: fc.option(word, { nil: undefined }),
    })
    .map((p) => ({
      kind: 'dataProtectionPolicy',
      logGroupName,
      document: buildDocument({
        name: `monitors.${STACK}`,
        ...(p.description !== undefined ? { description: p.description } : {}),
        identifierArns: p.ids.map((id) => `arn:aws:dataprotection::aws:data-identifier/${id}`),
        findings: {
          ...(p.logs !== undefined ? { CloudWatchLogs: { LogGroup: p.logs } } : {}),
          ...(p.s3 !== undefined ? { S3: { Bucket: p.s3 } } : {}),
          ...(p.firehose !== undefined ? { Firehose: { DeliveryStream: p.firehose } } : {}),
        },
      }),
    }));

async function expectRoundTrip(specs: readonly ResourceSpec[]): Promise<void> {
  const { layout, built } = await writtenAndRead(specs);
  expect(layout.leftOut).toEqual([]);
  expect(built).toEqual(byKey(specs));
}

const unique = <T extends { name: string }>(list: readonly T[]) => [...new Map(list.map((x) => [x.name, x])).values()];

describe('build(unbuild(spec)) == spec, for every kind', () => {
  test('topics and their subscriptions (every protocol, filter policies, raw delivery)', async () => {
    const arb = fc
      .uniqueArray(topicSpec, { minLength: 1, maxLength: 3, selector: (t) => t.name.replace(/\.fifo$/, '') })
      .chain((topics) =>
        fc.tuple(
          fc.constant(topics),
          fc.array(fc.constantFrom(...topics.map((t) => t.name)).chain(subscriptionOn), { maxLength: 5 }),
        ),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([topics, subs]) => {
        const distinct = [...new Map(subs.map((s) => [`${s.topicName}|${s.protocol}|${s.endpoint}`, s])).values()];
        await expectRoundTrip([...topics, ...distinct]);
      }),
      RUNS,
    );
  });

  test('log groups and metric filters (dimensions, $. values, defaults, units)', async () => {
    const arb = fc.uniqueArray(logGroupSpec, { minLength: 1, maxLength: 3, selector: (g) => g.name }).chain((groups) =>
      fc.tuple(
        fc.constant(groups),
        fc.uniqueArray(fc.constantFrom(...groups.map((g) => g.name)).chain(filterOn), {
          maxLength: 4,
          selector: (f) => f.filterName,
        }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([groups, filters]) => {
        // Two filters emitting one metric on a log group double count: the loader refuses that, as it should.
        const seen = new Set<string>();
        const kept = filters.filter((f) => {
          const k = `${f.logGroupName}|${f.transformation.metricNamespace}|${f.transformation.metricName}`;
          return !seen.has(k) && !!seen.add(k);
        });
        await expectRoundTrip([...groups, ...kept]);
      }),
      RUNS,
    );
  });

  test('subscription filters (every destination form, roles, distribution, names of their own)', async () => {
    const arb = logGroupSpec.chain((group) =>
      fc.tuple(
        fc.constant(group),
        fc.uniqueArray(subscriptionFilterOn(group.name), { maxLength: 2, selector: (f) => f.filterName }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([group, filters]) => {
        await expectRoundTrip([group, ...filters]);
      }),
      RUNS,
    );
  });

  test('saved queries (folders, many-line queries, log groups)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(savedQuery, { minLength: 1, maxLength: 3, selector: (q) => q.name }),
        async (queries) => {
          await expectRoundTrip(queries);
        },
      ),
      RUNS,
    );
  });

  test('anomaly detectors (dimensions, statistics, time zones, excluded time ranges, metric math)', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uniqueArray(fc.oneof(anomalyDetector, mathDetector), {
          minLength: 1,
          maxLength: 3,
          selector: (d) => JSON.stringify(d),
        }),
        async (detectors) => {
          await expectRoundTrip(detectors);
        },
      ),
      RUNS,
    );
  });

  test('log anomaly detectors (every frequency, patterns, visibility, paused, KMS, tags) on a log group of the files', async () => {
    const arb = logGroupSpec.chain((group) =>
      fc.tuple(
        fc.constant(group),
        fc.uniqueArray(detectorOn(group.name), { minLength: 1, maxLength: 3, selector: (d) => d.name }),
      ),
    );
    await fc.assert(
      fc.asyncProperty(arb, async ([group, detectors]) => {
        await expectRoundTrip([group, ...detectors]);
      }),
      RUNS,
    );
  });

  test('data-protection policies (identifiers, description, every findings destination) on log groups of the files', async () => {
    const arb = fc
      .uniqueArray(logGroupSpec, { minLength: 1, maxLength: 3, selector: (g) => g.name })
      .chain((groups) => fc.tuple(fc.constant(groups), fc.tuple(...groups.map((g) => policyOn(g.name)))));
    await fc.assert(
      fc.asyncProperty(arb, async ([groups, policies]) => {
        await expectRoundTrip([...groups, ...policies]);
      }),
      RUNS,
    );
  });

  test('metric alarms (one metric or metric math, extended statistics, every threshold) and composites', async () => {
    const arb = fc
      .uniqueArray(topicSpec, { minLength: 1, maxLength: 2, selector: (t) => t.name.replace(/\.fifo$/, '') })
      .chain((topics) =>
        fc
          .uniqueArray(alarmOn(topics.map((t) => t.name)), { minLength: 1, maxLength: 4, selector: (a) => a.name })
          .chain((alarms) =>
            fc.tuple(
              fc.constant(topics),
              fc.constant(alarms),
              fc.uniqueArray(
                compositeOver(
                  alarms.map((a) => a.name),
                  topics.map((t) => t.name),
                ),
                { maxLength: 2, selector: (c) => c.name },
              ),
            ),
          ),
      );
    await fc.assert(
      fc.asyncProperty(arb, async ([topics, alarms, composites]) => {
        await expectRoundTrip([...unique(topics), ...alarms, ...composites]);
      }),
      RUNS,
    );
  });

  test('a Metrics Insights alarm is written as query: (a block for many lines) and period:, and read back the same', async () => {
    const query =
      'SELECT MAX(CPUUtilization)\nFROM SCHEMA("AWS/EC2", InstanceId)\nGROUP BY InstanceId\nORDER BY MAX() DESC\nLIMIT 10';
    const alarm: MetricAlarmSpec = {
      kind: 'metricAlarm',
      name: 'fleet-cpu',
      actionsEnabled: true,
      alarmActions: [],
      okActions: [],
      insufficientDataActions: [],
      metrics: [{ id: 'q1', expression: query, returnData: true, period: 300 }],
      threshold: 80,
      comparisonOperator: 'GreaterThanThreshold',
      evaluationPeriods: 3,
      datapointsToAlarm: 3,
      treatMissingData: 'missing',
      tags: owner,
    };
    const { texts, built } = await writtenAndRead([alarm]);
    const text = Object.values(texts).join('\n');
    expect(text).toContain('query: |-\n      SELECT MAX(CPUUtilization)\n      FROM SCHEMA("AWS/EC2", InstanceId)\n');
    expect(text).toContain('period: 5m');
    expect(text).not.toContain('metrics:');
    expect(built).toEqual(byKey([alarm]));
  });

  test('every kind is covered by one of the properties above, or is said not to be imported yet', () => {
    const covered: readonly ResourceKind[] = [
      'topic',
      'subscription',
      'logGroup',
      'metricFilter',
      'subscriptionFilter',
      'metricAlarm',
      'compositeAlarm',
      'queryDefinition',
      'alarmMuteRule',
      // test/kinds/insight-rule-import.test.ts
      'insightRule',
      'anomalyDetector',
      'logAnomalyDetector',
      'dataProtectionPolicy',
    ];
    // The chat forwarder's kinds are the tool's own making, never imported (forwarder-left-out.test.ts).
    const toolMade: readonly ResourceKind[] = [
      'forwarderRole',
      'forwarderQueue',
      'forwarderFunction',
      'forwarderPermission',
    ];
    const notYet = RESOURCE_KINDS.filter((k) => !covered.includes(k) && !toolMade.includes(k));
    expect(notYet).toEqual(['dashboard']);
    const spec = { kind: 'dashboard', name: 'monitors_shop_us-east-1_main', body: '{}' } as const;
    expect(UNBUILDS.dashboard.unbuild(spec, {} as never)).toEqual({
      unsupported: expect.stringMatching(/not imported yet/),
    });
  });
});
