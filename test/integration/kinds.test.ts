/**
 * Each kind's handler against the emulator with the real clients: create, read back through the
 * live-state reader (the same normalized spec must come back, or plans would never settle), update
 * in place, read back again, delete, and see it gone.
 */
import { createClients } from '../../src/aws/clients';
import { readLiveState } from '../../src/aws/read-live';
import type { ApplyContext } from '../../src/kinds/handler';
import { HANDLERS } from '../../src/kinds';
import { keyId, OWNER_TAG, type ResourceKind, type ResourceSpec, type SpecOf } from '../../src/model';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { keyOf } from '../../src/kinds/keys';

const STACK = 'kinds';
const REGION = 'us-east-1';
const owner = { [OWNER_TAG]: STACK };

function setup(account: TestAccount) {
  const clients = createClients({ region: REGION, endpoint: account.endpoint, credentials: account.credentials });
  const ctx: ApplyContext = {
    clients,
    stack: { name: STACK, region: REGION, defaultTags: {} },
    region: REGION,
    accountId: account.accountId,
  };
  const handler = <K extends ResourceKind>(kind: K) => HANDLERS[kind] as unknown as (typeof HANDLERS)[ResourceKind];
  const create = (spec: ResourceSpec) => handler(spec.kind).create(ctx, spec as never);
  const readBack = async (spec: ResourceSpec) => {
    const state = await readLiveState(clients, {
      stack: STACK,
      region: REGION,
      accountId: account.accountId,
      tagSource: 'per-resource',
      declared: { logGroups: [], alarms: [], topics: [] },
    });
    const id = keyId(keyOf(spec, REGION));
    return state.resources.find((r) => keyId(keyOf(r.spec, REGION)) === id);
  };
  /** The full cycle; parents are created first and must already read back. */
  const cycle = async <S extends ResourceSpec>(first: S, second: S, parents: readonly ResourceSpec[] = []) => {
    for (const p of parents) await create(p);
    const h = handler(first.kind);

    await create(first);
    const created = await readBack(first);
    expect(created).toMatchObject({ spec: first, owned: true });

    const diffs = h.diff(created!.spec as never, second as never);
    expect(diffs.length).toBeGreaterThan(0);
    expect(diffs.every((d) => !d.forcesReplacement)).toBe(true);
    await h.update(ctx, created!.spec as never, second as never, diffs, created!.arn);
    const updated = await readBack(second);
    expect(updated).toMatchObject({ spec: second, owned: true });
    expect(h.diff(updated!.spec as never, second as never)).toEqual([]);

    await h.remove(ctx, updated!.spec as never, updated!.arn);
    expect(await readBack(second)).toBeUndefined();
  };
  return { cycle };
}

const logGroup: SpecOf<'logGroup'> = { kind: 'logGroup', name: '/kinds/app', retentionInDays: 30, tags: owner };
const topic: SpecOf<'topic'> = { kind: 'topic', name: 'kinds-alerts', fifo: false, tags: owner };
const alarmOn = (account: TestAccount, name: string): SpecOf<'metricAlarm'> => ({
  kind: 'metricAlarm',
  name,
  description: 'latency p99 above 500 ms',
  metric: {
    namespace: 'Kinds',
    metricName: 'Latency',
    dimensions: { Route: '/checkout' },
    period: 60,
    extendedStatistic: 'p99',
    unit: 'Milliseconds',
  },
  threshold: 500,
  comparisonOperator: 'GreaterThanThreshold',
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  treatMissingData: 'notBreaching',
  actionsEnabled: true,
  alarmActions: [`arn:aws:sns:${REGION}:${account.accountId}:kinds-alerts`],
  okActions: [`arn:aws:sns:${REGION}:${account.accountId}:kinds-alerts`],
  insufficientDataActions: [],
  tags: owner,
});

test('log group: retention and tags round-trip; "never expire" removes retention', async () => {
  const { cycle } = setup(freshAccount());
  await cycle(logGroup, { ...logGroup, retentionInDays: undefined, tags: { ...owner, team: 'web' } });
});

test('metric filter: JSON pattern, field value, unit and dimensions round-trip', async () => {
  const { cycle } = setup(freshAccount());
  const filter: SpecOf<'metricFilter'> = {
    kind: 'metricFilter',
    logGroupName: '/kinds/app',
    filterName: 'monitors.kinds.latency',
    filterPattern: '{ $.latency > 0 }',
    transformation: {
      metricName: 'Latency',
      metricNamespace: 'Kinds',
      metricValue: '$.latency',
      unit: 'Milliseconds',
      dimensions: { Route: '$.route' },
    },
  };
  await cycle(
    filter,
    {
      ...filter,
      filterPattern: '{ $.latency > 10 }',
      transformation: {
        ...filter.transformation,
        metricValue: '$.latency_ms',
        unit: 'Seconds',
        dimensions: {},
        defaultValue: 0,
      },
    },
    [logGroup],
  );
});

// Metric-math alarms and EvaluateLowSampleCountPercentile are covered in test/aws/metric-math.test.ts:
// the emulator drops both (test/README.md).
test('metric alarm: a percentile alarm changes statistic, dimensions, threshold and actions in place', async () => {
  const account = freshAccount();
  const { cycle } = setup(account);
  const plain = alarmOn(account, 'kinds-latency');
  await cycle(
    plain,
    {
      ...plain,
      description: 'latency p99.9 above 800 ms',
      metric: {
        ...plain.metric!,
        dimensions: { Route: '/cart' },
        extendedStatistic: 'p99.9',
        unit: 'Seconds',
        period: 300,
      },
      threshold: 800,
      comparisonOperator: 'GreaterThanOrEqualToThreshold',
      evaluationPeriods: 5,
      treatMissingData: 'breaching',
      datapointsToAlarm: 3,
      actionsEnabled: false,
      okActions: [],
      insufficientDataActions: plain.alarmActions,
    },
    [topic],
  );
});

test('composite alarm: rule, actions and description round-trip', async () => {
  const account = freshAccount();
  const { cycle } = setup(account);
  const composite: SpecOf<'compositeAlarm'> = {
    kind: 'compositeAlarm',
    name: 'kinds-degraded',
    description: 'latency and errors',
    rule: 'ALARM("kinds-latency")',
    actionsEnabled: true,
    alarmActions: [`arn:aws:sns:${REGION}:${account.accountId}:kinds-alerts`],
    okActions: [],
    insufficientDataActions: [],
    tags: owner,
  };
  await cycle(
    composite,
    {
      ...composite,
      rule: 'ALARM("kinds-latency") AND NOT OK("kinds-latency")',
      description: undefined,
      actionsEnabled: false,
      alarmActions: [],
      okActions: composite.alarmActions,
    },
    [topic, alarmOn(account, 'kinds-latency')],
  );
});

test('topic: display name and tags round-trip', async () => {
  const { cycle } = setup(freshAccount());
  await cycle(
    { ...topic, displayName: 'Kinds' },
    {
      ...topic,
      displayName: 'Kinds on-call',
      kmsMasterKeyId: 'alias/aws/sns',
      tags: { ...owner, team: 'web' },
    },
  );
});

test('subscription: filter policy and raw delivery change in place', async () => {
  const account = freshAccount();
  const { cycle } = setup(account);
  const subscription: SpecOf<'subscription'> = {
    kind: 'subscription',
    topicName: 'kinds-alerts',
    protocol: 'sqs',
    endpoint: `arn:aws:sqs:${REGION}:${account.accountId}:kinds-queue`,
    filterPolicy: '{"severity":["critical"]}',
    rawMessageDelivery: false,
  };
  await cycle(
    subscription,
    { ...subscription, filterPolicy: '{"severity":["critical","high"]}', rawMessageDelivery: true },
    [topic],
  );
});
