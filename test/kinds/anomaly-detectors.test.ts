/**
 * Anomaly detectors through the real pipeline. No emulator has them, so the three calls go to a
 * stateful fake (anomaly-detector-fake.ts) that checks every request and answer against botocore's
 * model; SSM (the stack's record of its detectors) and everything else reach the emulator. Made,
 * re-planned empty, changed in place, removed behind the mass-delete guard; a hand-made detector and
 * another stack's are never touched, and one the files declare is adopted; paging is followed.
 */
import { GetParametersByPathCommand, PutParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { applyStack, planStack } from '../../src/core';
import { runImport } from '../../src/import/run';
import { detectorRecordName } from '../../src/kinds/anomaly-detector/names';
import { MonitorsError } from '../../src/model';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { detectorKey, startAnomalyDetectorFake, type AnomalyDetectorFake } from './anomaly-detector-fake';

let fake: AnomalyDetectorFake;
afterEach(async () => {
  await fake?.close();
});
afterAll(removeStackDirs);

function stackYaml(detectors: string, name = 'shop'): string {
  return `stack:\n  name: ${name}\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\nanomalyDetectors:\n${detectors}`;
}

const LATENCY = `  - namespace: AWS/ApplicationELB
    metric: TargetResponseTime
    dimensions: { LoadBalancer: app/shop/123, TargetGroup: targetgroup/web/456 }
    stat: p90
`;
const ORDERS = (extra = '') => `  - namespace: Shop
    metric: Orders
    stat: Sum
${extra}`;

function ssmOf(account: TestAccount): SSMClient {
  return new SSMClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
}

async function records(account: TestAccount): Promise<string[]> {
  const out = await ssmOf(account).send(
    new GetParametersByPathCommand({ Path: '/monitors/_anomaly-detectors', Recursive: true }),
  );
  return (out.Parameters ?? []).map((p) => p.Name ?? '').sort();
}

const HAND_MADE = { Namespace: 'Shop', MetricName: 'Orders', Dimensions: [], Stat: 'Average' };
const OTHER_STACKS = { Namespace: 'Billing', MetricName: 'Invoices', Dimensions: [], Stat: 'Sum' };

test('detectors are made and recorded, re-plan empty, change exclusions in place, and go behind the guard', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  fake.detectors.set(detectorKey(HAND_MADE), HAND_MADE);
  fake.detectors.set(detectorKey(OTHER_STACKS), OTHER_STACKS);
  await ssmOf(account).send(
    new PutParameterCommand({
      Name: detectorRecordName('billing', {
        namespace: 'Billing',
        metricName: 'Invoices',
        dimensions: {},
        stat: 'Sum',
      }),
      Value: 'v1 Billing/Invoices Sum',
      Type: 'String',
    }),
  );
  const dir = stackDir({ 'stack.yaml': stackYaml(`${LATENCY}${ORDERS('    timezone: Europe/Paris\n')}`) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create anomalyDetector AWS/ApplicationELB/TargetResponseTime (LoadBalancer=app/shop/123, TargetGroup=targetgroup/web/456) p90',
    'create anomalyDetector Shop/Orders Sum',
    'create logGroup /shop/app',
  ]);
  const orders = () => fake.detectors.get(detectorKey({ ...HAND_MADE, Stat: 'Sum' }));
  expect(orders()?.Configuration).toEqual({ ExcludedTimeRanges: [], MetricTimezone: 'Europe/Paris' });
  expect(await records(account)).toEqual(
    [
      detectorRecordName('billing', { namespace: 'Billing', metricName: 'Invoices', dimensions: {}, stat: 'Sum' }),
      detectorRecordName('shop', { namespace: 'Shop', metricName: 'Orders', dimensions: {}, stat: 'Sum' }),
      detectorRecordName('shop', {
        namespace: 'AWS/ApplicationELB',
        metricName: 'TargetResponseTime',
        dimensions: { LoadBalancer: 'app/shop/123', TargetGroup: 'targetgroup/web/456' },
        stat: 'p90',
      }),
    ].sort(),
  );
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Black Friday left out of training, an offset written as UTC, the zone back to UTC: one update.
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(
      `${LATENCY}${ORDERS(`    excludedTimeRanges:
      - { start: 2026-11-27, end: "2026-11-30T06:00:00+01:00" }
      - { start: "2026-01-01T00:00:00Z", end: 2026-01-02T00:00:00Z }
`)}`,
    ),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update anomalyDetector Shop/Orders Sum']);
  const update = changed.run.plan.changes.find((c) => c.action === 'update');
  expect(update && 'diffs' in update ? update.diffs.map((d) => d.path).sort() : []).toEqual([
    'excludedTimeRanges',
    'metricTimezone',
  ]);
  expect(orders()?.Configuration).toEqual({
    ExcludedTimeRanges: [
      { StartTime: Date.parse('2026-01-01T00:00:00Z') / 1000, EndTime: Date.parse('2026-01-02T00:00:00Z') / 1000 },
      { StartTime: Date.parse('2026-11-27T00:00:00Z') / 1000, EndTime: Date.parse('2026-11-30T05:00:00Z') / 1000 },
    ],
    MetricTimezone: 'UTC',
  });
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Every detector removed from the files: the guard refuses, then, allowed, only this stack's go.
  writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: shop\n  region: us-east-1\n');
  const refused = await planStack(options);
  expect(refused.plan.guards.filter((g) => g.refused).map((g) => g.name)).toEqual(
    expect.arrayContaining(['delete-all']),
  );
  await expect(applyStack(refused, options)).rejects.toThrow(MonitorsError);
  expect(fake.detectors.size).toBe(4);
  const gone = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(gone.run)).toEqual([
    'delete anomalyDetector AWS/ApplicationELB/TargetResponseTime (LoadBalancer=app/shop/123, TargetGroup=targetgroup/web/456) p90',
    'delete anomalyDetector Shop/Orders Sum',
    'delete logGroup /shop/app',
  ]);
  expect([...fake.detectors.keys()].sort()).toEqual([detectorKey(OTHER_STACKS), detectorKey(HAND_MADE)].sort());
  expect(await records(account)).toEqual([
    detectorRecordName('billing', { namespace: 'Billing', metricName: 'Invoices', dimensions: {}, stat: 'Sum' }),
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
  expect(new Set(fake.calls)).toEqual(
    new Set(['PutAnomalyDetector', 'DescribeAnomalyDetectors', 'DeleteAnomalyDetector']),
  );
}, 60_000);

test('a detector made by hand is adopted when declared, and another stack’s is left to it with a warning', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  fake.detectors.set(detectorKey(HAND_MADE), {
    ...HAND_MADE,
    Configuration: { ExcludedTimeRanges: [], MetricTimezone: 'Asia/Tokyo' },
  });
  fake.detectors.set(detectorKey(OTHER_STACKS), OTHER_STACKS);
  await ssmOf(account).send(
    new PutParameterCommand({
      Name: detectorRecordName('billing', {
        namespace: 'Billing',
        metricName: 'Invoices',
        dimensions: {},
        stat: 'Sum',
      }),
      Value: 'v1',
      Type: 'String',
    }),
  );
  const dir = stackDir({
    'stack.yaml': stackYaml(
      `  - { namespace: Shop, metric: Orders, stat: Average }\n  - { namespace: Billing, metric: Invoices, stat: Sum, timezone: Europe/Paris }\n`,
    ),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  const { run } = await reconcile(options);
  expect(changeSummary(run)).toEqual(['adopt anomalyDetector Shop/Orders Average', 'create logGroup /shop/app']);
  expect(run.plan.notices.map((n) => n.message)).toEqual(
    expect.arrayContaining([
      'anomaly detector Billing/Invoices Sum is owned by stack "billing"; it is left untouched. Rename it here or remove it from that stack.',
    ]),
  );
  expect(fake.detectors.get(detectorKey(HAND_MADE))?.Configuration?.MetricTimezone).toBe('UTC');
  expect(fake.detectors.get(detectorKey(OTHER_STACKS))?.Configuration).toBeUndefined();
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('the reader follows NextToken: with pages of 2, all five detectors are seen and re-plan is empty', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint, 2);
  const five = ['a', 'b', 'c', 'd', 'e'].map((m) => `  - { namespace: Shop, metric: ${m}, stat: Average }\n`).join('');
  const options = optionsFor(account, stackDir({ 'stack.yaml': stackYaml(five) }), { endpointUrl: fake.url });
  await reconcile(options);
  expect(fake.detectors.size).toBe(5);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.calls.filter((c) => c === 'DescribeAnomalyDetectors').length).toBeGreaterThanOrEqual(3);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('on the emulator itself, which has no anomaly detectors, the rest of the stack still plans', async () => {
  const account = freshAccount();
  const options = optionsFor(account, stackDir({ 'stack.yaml': stackYaml(ORDERS()) }));
  expect(changeSummary(await planStack(options))).toEqual([
    'create anomalyDetector Shop/Orders Sum',
    'create logGroup /shop/app',
  ]);
}, 60_000);

test('import round trip: detectors made by hand are written, plan as adopts, apply, and re-plan empty', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  const byHand = {
    Namespace: 'AWS/ApplicationELB',
    MetricName: 'TargetResponseTime',
    Dimensions: [{ Name: 'LoadBalancer', Value: 'app/shop/123' }],
    Stat: 'p99',
    Configuration: {
      ExcludedTimeRanges: [
        { StartTime: Date.parse('2026-11-27T00:00:00Z') / 1000, EndTime: Date.parse('2026-11-30T00:00:00Z') / 1000 },
      ],
      MetricTimezone: 'America/New_York',
    },
  };
  fake.detectors.set(detectorKey(byHand), byHand);
  fake.detectors.set(detectorKey(HAND_MADE), HAND_MADE);
  const imported = await runImport({
    stack: 'shop',
    region: account.region,
    endpointUrl: fake.url,
    credentials: account.credentials,
    selection: { all: true, logGroupPrefixes: [], alarmPrefixes: [], topics: [] },
  });
  expect(imported.drift).toEqual([]);
  expect(imported.deletes).toEqual([]);
  expect(imported.adopts).toBe(2);
  const written = parse(imported.texts['anomaly-detectors.yaml'] ?? '') as { anomalyDetectors: unknown[] };
  expect(written.anomalyDetectors).toEqual([
    {
      namespace: 'AWS/ApplicationELB',
      metric: 'TargetResponseTime',
      dimensions: { LoadBalancer: 'app/shop/123' },
      stat: 'p99',
      timezone: 'America/New_York',
      excludedTimeRanges: [{ start: '2026-11-27T00:00:00Z', end: '2026-11-30T00:00:00Z' }],
    },
    { namespace: 'Shop', metric: 'Orders', stat: 'Average' },
  ]);
  const dir = stackDir(imported.texts);
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  const { run } = await reconcile(options);
  expect(changeSummary(run)).toEqual([
    'adopt anomalyDetector AWS/ApplicationELB/TargetResponseTime (LoadBalancer=app/shop/123) p99',
    'adopt anomalyDetector Shop/Orders Average',
  ]);
  expect((await records(account)).length).toBe(2);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.detectors.get(detectorKey(byHand))).toEqual(byHand);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('a renamed stack (formerNames) keeps its detectors: no changes, then a change moves the claim to the new name', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': stackYaml(ORDERS()) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  const orders = { namespace: 'Shop', metricName: 'Orders', dimensions: {}, stat: 'Sum' };
  expect(await records(account)).toEqual([detectorRecordName('shop', orders)]);

  const renamed = (detectors: string) =>
    stackYaml(detectors, 'store').replace('  name: store\n', '  name: store\n  formerNames: [shop]\n');
  writeFileSync(path.join(dir, 'stack.yaml'), renamed(ORDERS()));
  const same = await planStack(options);
  expect(changeSummary(same)).toEqual(['update logGroup /shop/app']);
  expect(same.plan.changes.find((c) => c.key.kind === 'anomalyDetector')?.action).toBe('noop');

  writeFileSync(path.join(dir, 'stack.yaml'), renamed(ORDERS('    timezone: Europe/Paris\n')));
  const { run } = await reconcile(options);
  expect(changeSummary(run)).toEqual(['update anomalyDetector Shop/Orders Sum', 'update logGroup /shop/app']);
  expect(await records(account)).toEqual([detectorRecordName('store', orders)]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 60_000);

const CONVERSION = (extra = '') => `  - metrics:
      - id: orders
        metric: { namespace: Shop, name: Orders, stat: Sum, period: 5m }
      - id: visits
        metric: { namespace: Shop, name: Visits, stat: Sum, period: 5m, dimensions: { Site: eu } }
      - id: rate
        expression: orders / visits * 100
        label: conversion
${extra}`;

test('a metric-math detector is made, re-plans empty, changes in place and goes; a hand-made one stays', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  const byHand = {
    MetricDataQueries: [
      {
        Id: 'm1',
        ReturnData: false,
        MetricStat: { Metric: { Namespace: 'Shop', MetricName: 'Orders' }, Period: 60, Stat: 'Sum' },
      },
      { Id: 'e1', ReturnData: true, Expression: 'RATE(m1)' },
    ],
  };
  fake.detectors.set(detectorKey(byHand), byHand);
  const dir = stackDir({ 'stack.yaml': stackYaml(CONVERSION()) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  const name =
    'metric math orders=Shop/Orders Sum 300s (hidden); visits=Shop/Visits (Site=eu) Sum 300s (hidden); rate=orders / visits * 100';

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([`create anomalyDetector ${name}`, 'create logGroup /shop/app']);
  expect(fake.detectors.size).toBe(2);
  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(
      CONVERSION(
        '    timezone: Europe/Berlin\n    excludedTimeRanges:\n      - { start: 2026-12-24, end: 2026-12-27 }\n',
      ),
    ),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual([`update anomalyDetector ${name}`]);
  expect(fake.detectors.size).toBe(2);
  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(ORDERS()));
  const gone = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(gone.run)).toEqual(['create anomalyDetector Shop/Orders Sum', `delete anomalyDetector ${name}`]);
  expect([...fake.detectors.keys()].sort()).toEqual(
    [detectorKey(byHand), detectorKey({ ...HAND_MADE, Stat: 'Sum' })].sort(),
  );
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 60_000);
