/**
 * Anomaly detectors with the features they meet: a saved plan (plan --save, a detector changed by hand
 * since → refused as stale, naming the field; a fresh one applies and re-plans empty), the live checks
 * (a detector on a misspelt dimension is NO_SUCH_SERIES, like an alarm), and the cost estimate (an
 * alarm on a band bills three metrics, the detector nothing).
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { planStack } from '../../src/core';
import { estimateCost } from '../../src/cost/estimate';
import { liveCheckPlan } from '../../src/live-checks/hook';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { optionsFor, removeStackDirs, stackDir } from '../integration/stack-dir';
import { detectorKey, startAnomalyDetectorFake, type AnomalyDetectorFake } from './anomaly-detector-fake';

let fake: AnomalyDetectorFake;
afterEach(async () => {
  await fake?.close();
});
afterAll(removeStackDirs);

const STACK = 'stack:\n  name: shop\n  region: us-east-1\n';
const detector = (dims: string, extra = '') =>
  `anomalyDetectors:\n  - namespace: Shop\n    metric: Latency\n    dimensions: { ${dims} }\n    stat: p90\n${extra}`;

function cli(account: TestAccount, argv: string[], endpoint: string) {
  return runCliCaptured([...argv, '--endpoint-url', endpoint], {
    env: { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
  });
}

test('a saved plan applies exactly; a detector changed by hand since is refused as stale, naming the field', async () => {
  const account = freshAccount();
  fake = await startAnomalyDetectorFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': `${STACK}${detector('Host: a')}` });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);

  expect((await cli(account, ['plan', '--save', file, dir], fake.url)).code).toBe(0);
  expect(fake.detectors.size).toBe(0);
  const applied = await cli(account, ['apply', file], fake.url);
  expect(applied.stdout).toContain('Applied the saved plan');
  expect(applied.code).toBe(0);
  expect(fake.detectors.size).toBe(1);

  writeFileSync(
    path.join(dir, 'stack.yaml'),
    `${STACK}${detector('Host: a', '    excludedTimeRanges:\n      - { start: 2026-11-27, end: 2026-11-28 }\n')}`,
  );
  expect((await cli(account, ['plan', '--save', file, dir], fake.url)).code).toBe(0);
  // Someone sets a time zone in the console after the plan was saved.
  const key = [...fake.detectors.keys()][0] as string;
  const live = fake.detectors.get(key);
  if (!live) throw new Error('no detector');
  fake.detectors.set(key, { ...live, Configuration: { ExcludedTimeRanges: [], MetricTimezone: 'Asia/Tokyo' } });
  const stale = await cli(account, ['apply', file], fake.url);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('live state changed since the plan was made');
  expect(stale.stderr).toContain('anomaly detector Shop/Latency (Host=a) p90: metricTimezone');
  expect(fake.detectors.get(key)?.Configuration?.MetricTimezone).toBe('Asia/Tokyo');

  expect((await cli(account, ['plan', '--save', file, dir], fake.url)).code).toBe(0);
  expect((await cli(account, ['apply', file], fake.url)).code).toBe(0);
  expect(fake.detectors.get(key)?.Configuration).toEqual({
    ExcludedTimeRanges: [{ StartTime: Date.parse('2026-11-27') / 1000, EndTime: Date.parse('2026-11-28') / 1000 }],
    MetricTimezone: 'UTC',
  });
  const again = await cli(account, ['plan', '--detailed-exitcode', dir], fake.url);
  expect(again.stdout).toContain('No changes.');
  expect(again.code).toBe(0);
  expect(
    detectorKey({ Namespace: 'Shop', MetricName: 'Latency', Dimensions: [{ Name: 'Host', Value: 'a' }], Stat: 'p90' }),
  ).toBe(key);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('live checks: a detector on a dimension the metric does not have is NO_SUCH_SERIES; spelled right, nothing', async () => {
  const account = freshAccount();
  const NOW = Date.now();
  await rawClients(account).cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'Shop',
      MetricData: [0, 1, 2].map((i) => ({
        MetricName: 'Latency',
        Dimensions: [{ Name: 'Host', Value: 'a' }],
        Timestamp: new Date(NOW - (10 + i) * 60_000),
        Value: 100 + i,
      })),
    }),
  );
  const check = async (dims: string) => {
    const options = optionsFor(account, stackDir({ 'stack.yaml': `${STACK}${detector(dims)}` }));
    const run = await planStack(options);
    const outcome = await liveCheckPlan(run, options, {
      skip: false,
      now: NOW,
      metricPacer: async () => {},
      logPacer: async () => {},
    });
    return (outcome.report?.findings ?? []).map((f) => `${f.subject}: ${f.code}`);
  };
  expect(await check('HOST: a')).toEqual(['anomaly detector Shop/Latency (HOST=a) p90: NO_SUCH_SERIES']);
  expect(await check('Host: a')).toEqual([]);
}, 60_000);

test('cost: the detector bills nothing, an alarm on its band three standard metrics ($0.30)', async () => {
  const account = freshAccount();
  const alarm = `alarms:
  - name: latency-anomaly
    metrics:
      - id: m1
        metric: { namespace: Shop, name: Latency, dimensions: { Host: a }, stat: p90, period: 5m }
      - id: ad1
        expression: ANOMALY_DETECTION_BAND(m1, 2)
    thresholdMetricId: ad1
    comparison: GreaterThanUpperThreshold
`;
  const only = await planStack(optionsFor(account, stackDir({ 'stack.yaml': `${STACK}${detector('Host: a')}` })));
  expect(estimateCost(only.plan).deltaUsd).toBe(0);
  const both = await planStack(
    optionsFor(account, stackDir({ 'stack.yaml': `${STACK}${detector('Host: a')}${alarm}` })),
  );
  expect(estimateCost(both.plan).lines).toEqual([
    { item: 'standardAlarmMetric', units: 3, unitsBefore: 0, usd: 0.3, usdBefore: 0 },
  ]);
}, 60_000);
