/**
 * Log anomaly detectors through the real pipeline. No emulator has them, so their calls (and tag calls
 * on a detector's ARN) go to a stateful fake (log-anomaly-fake.ts) that checks every request and answer
 * against botocore's model; log groups reach the emulator. Made with the stack's tag, re-planned
 * empty, changed in place, replaced, adopted, imported, removed; another stack's and hand-made
 * detectors are never touched; paging is followed; the raw emulator ("Unknown action") still plans.
 */
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { planStack } from '../../src/core';
import { planRefused, refusalMessage } from '../../src/plan/guards';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { startLogAnomalyFake, type LogAnomalyFake } from './log-anomaly-fake';

let fake: LogAnomalyFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(removeStackDirs);

function stackYaml(detectors: string): string {
  return `stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\n  - name: /shop/api\n${detectors}`;
}

const groupArn = (a: TestAccount, name: string) => `arn:aws:logs:us-east-1:${a.accountId}:log-group:${name}`;
const mine = (f: LogAnomalyFake) =>
  [...f.detectors.values()]
    .filter((d) => d.tags['monitors:stack'] === 'shop')
    .sort((a, b) => a.detectorName.localeCompare(b.detectorName));

test('detectors are made with the stack’s tag, re-plan empty, change in place, replace on a new log group, and go', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const other = fake.seed({
    detectorName: 'billing-errors',
    logGroupArnList: [groupArn(account, '/billing/app')],
    tags: { 'monitors:stack': 'billing' },
  });
  const byHand = fake.seed({ detectorName: 'console made', logGroupArnList: [groupArn(account, '/shop/app')] });
  const dir = stackDir({
    'stack.yaml': stackYaml(`logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/app]
    pattern: '{ $.level = "ERROR" }'
    tags: { team: shop }
  - name: api-anomalies
    logGroups: [/shop/api]
    evaluationFrequency: 15m
    anomalyVisibilityTime: 30d
`),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create logAnomalyDetector api-anomalies',
    'create logAnomalyDetector app-anomalies',
    'create logGroup /shop/api',
    'create logGroup /shop/app',
  ]);
  expect(
    mine(fake).map((d) => [
      d.detectorName,
      d.logGroupArnList,
      d.evaluationFrequency,
      d.filterPattern,
      d.anomalyVisibilityTime,
      d.tags,
    ]),
  ).toEqual([
    ['api-anomalies', [groupArn(account, '/shop/api')], 'FIFTEEN_MIN', undefined, 30, { 'monitors:stack': 'shop' }],
    [
      'app-anomalies',
      [groupArn(account, '/shop/app')],
      'FIVE_MIN',
      '{ $.level = "ERROR" }',
      21,
      { team: 'shop', 'monitors:stack': 'shop' },
    ],
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Frequency, pattern, visibility, a pause and a tag change in place: the same detector (its ARN kept).
  const arn = mine(fake)[1]?.anomalyDetectorArn;
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(`logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/app]
    evaluationFrequency: ONE_HOUR
    pattern: ERROR
    anomalyVisibilityTime: 7
    enabled: false
    tags: { team: payments }
  - name: api-anomalies
    logGroups: [/shop/api]
    evaluationFrequency: 15m
    anomalyVisibilityTime: 30d
`),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update logAnomalyDetector app-anomalies']);
  const update = changed.run.plan.changes.find((c) => c.action === 'update');
  expect(update && 'diffs' in update ? update.diffs.map((d) => [d.path, d.forcesReplacement]).sort() : []).toEqual([
    ['anomalyVisibilityDays', false],
    ['enabled', false],
    ['evaluationFrequency', false],
    ['filterPattern', false],
    ['tags.team', false],
  ]);
  expect(mine(fake)[1]).toMatchObject({
    anomalyDetectorArn: arn,
    evaluationFrequency: 'ONE_HOUR',
    filterPattern: 'ERROR',
    anomalyVisibilityTime: 7,
    anomalyDetectorStatus: 'PAUSED',
    tags: { team: 'payments', 'monitors:stack': 'shop' },
  });
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Another log group cannot be set in place: a new detector, the old one deleted.
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(`logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/api]
    evaluationFrequency: ONE_HOUR
    pattern: ERROR
    anomalyVisibilityTime: 7
    enabled: false
    tags: { team: payments }
  - name: api-anomalies
    logGroups: [/shop/api]
    evaluationFrequency: 15m
    anomalyVisibilityTime: 30d
`),
  );
  const replaced = await reconcile(options);
  expect(changeSummary(replaced.run)).toEqual(['replace logAnomalyDetector app-anomalies']);
  expect(mine(fake)[1]?.anomalyDetectorArn).not.toBe(arn);
  expect(mine(fake)[1]).toMatchObject({
    logGroupArnList: [groupArn(account, '/shop/api')],
    anomalyDetectorStatus: 'PAUSED',
  });
  expect(fake.detectors.has(arn ?? '')).toBe(false);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Out of the files: deleted. The detectors count toward the mass-delete guard (2 of 4 owned: over a 25% share).
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(''));
  const guarded = await planStack({ ...options, maxDeleteShare: 0.25 });
  expect(planRefused(guarded.plan)).toBe(true);
  expect(refusalMessage(guarded.plan)).toMatch(/deletes 2 of 4 owned resources/);
  const removed = await reconcile({ ...options, allowMassDelete: true });
  expect(changeSummary(removed.run)).toEqual([
    'delete logAnomalyDetector api-anomalies',
    'delete logAnomalyDetector app-anomalies',
  ]);
  expect(mine(fake)).toEqual([]);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Another stack's and the hand-made detector were never touched; no request or answer broke the model.
  expect(fake.detectors.get(other.anomalyDetectorArn)?.tags).toEqual({ 'monitors:stack': 'billing' });
  expect(fake.detectors.get(byHand.anomalyDetectorArn)?.tags).toEqual({});
  expect(fake.violations).toEqual([]);
  const touched = fake.calls
    .filter((c) => !['ListLogAnomalyDetectors', 'ListTagsForResource'].includes(c.operation))
    .map((c) => String(c.input.anomalyDetectorArn ?? c.input.resourceArn ?? ''));
  expect(touched).not.toContain(other.anomalyDetectorArn);
  expect(touched).not.toContain(byHand.anomalyDetectorArn);
  expect(new Set(fake.calls.map((c) => c.operation))).toEqual(
    new Set([
      'ListLogAnomalyDetectors',
      'ListTagsForResource',
      'CreateLogAnomalyDetector',
      'UpdateLogAnomalyDetector',
      'TagResource',
      'DeleteLogAnomalyDetector',
    ]),
  );
}, 90_000);

test('a hand-made detector whose name the files declare is adopted (tagged) and then re-plans empty', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const byHand = fake.seed({
    detectorName: 'app-anomalies',
    logGroupArnList: [`${groupArn(account, '/shop/app')}:*`],
    evaluationFrequency: 'TEN_MIN',
    tags: { owner: 'ops' },
  });
  const dir = stackDir({
    'stack.yaml': stackYaml(`logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/app]
    evaluationFrequency: 10m
    tags: { owner: ops }
`),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  const run = await reconcile(options);
  expect(changeSummary(run.run)).toEqual([
    'adopt logAnomalyDetector app-anomalies',
    'create logGroup /shop/api',
    'create logGroup /shop/app',
  ]);
  expect(fake.detectors.get(byHand.anomalyDetectorArn)?.tags).toEqual({ owner: 'ops', 'monitors:stack': 'shop' });
  expect(fake.detectors.size).toBe(1);
  expect(changeSummary(await planStack(options))).toEqual([]);
  // Without adoption it is left alone, with a warning.
  const otherDir = stackDir({
    'stack.yaml': stackYaml(`logAnomalyDetectors:\n  - name: app-anomalies\n    logGroups: [/shop/app]\n`).replace(
      'name: shop',
      'name: other',
    ),
  });
  const notMine = await planStack(optionsFor(account, otherDir, { endpointUrl: fake.url }));
  expect(notMine.plan.notices.map((n) => n.message).join('\n')).toMatch(/owned by stack "shop"/);
  expect(changeSummary(notMine).filter((c) => c.includes('logAnomalyDetector'))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('import writes a hand-made detector with its log group; the files adopt it, apply, and re-plan empty', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/orders' }));
  const byHand = fake.seed({
    anomalyDetectorArn: `arn:aws:logs:us-east-1:${account.accountId}:anomaly-detector:0b6e8e2a-1111-4222-8333-444455556666`,
    detectorName: 'orders anomalies',
    logGroupArnList: [groupArn(account, '/shop/orders')],
    evaluationFrequency: 'THIRTY_MIN',
    filterPattern: '"ERROR"',
    anomalyVisibilityTime: 45,
    anomalyDetectorStatus: 'PAUSED',
  });
  // Not under the selected prefix: not imported.
  fake.seed({ detectorName: 'billing', logGroupArnList: [groupArn(account, '/billing/app')] });
  const env = { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test' };
  const cli = (args: string[]) => runCliCaptured(args, { env });
  const out = path.join(stackDir({}), 'monitors');
  const endpoint = ['--endpoint-url', fake.url];
  const imported = await cli([
    'import',
    '--out',
    out,
    '--stack',
    'shop',
    '--region',
    'us-east-1',
    ...endpoint,
    '--log-group-prefix',
    '/shop/',
  ]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  expect(imported.stdout).not.toMatch(/left out|no file for this kind/i);
  const file = parse(readFileSync(path.join(out, 'log-anomaly-detectors.yaml'), 'utf8')) as Record<string, unknown>;
  expect(file.logAnomalyDetectors).toEqual([
    {
      name: 'orders anomalies',
      logGroups: ['/shop/orders'],
      evaluationFrequency: '30m',
      pattern: '"ERROR"',
      anomalyVisibilityTime: '45d',
      enabled: false,
    },
  ]);

  const plan = await cli(['plan', out, ...endpoint, '--no-backtest', '--format', 'json']);
  expect(plan.stderr).toBe('');
  const changes = (JSON.parse(plan.stdout) as { changes: { action: string; kind: string; diffs?: unknown[] }[] })
    .changes;
  expect(changes.filter((c) => c.kind === 'logAnomalyDetector').map((c) => [c.action, c.diffs])).toEqual([
    ['adopt', [{ path: 'tags.monitors:stack', before: undefined, after: 'shop', forcesReplacement: false }]],
  ]);
  const applied = await cli(['reconcile', out, ...endpoint, '--no-backtest', '--yes']);
  expect(applied.code).toBe(0);
  const again = await cli(['plan', out, ...endpoint, '--no-backtest']);
  expect(again.stdout).toContain('No changes.');
  expect(fake.detectors.get(byHand.anomalyDetectorArn)).toMatchObject({
    detectorName: 'orders anomalies',
    anomalyDetectorStatus: 'PAUSED',
    tags: { 'monitors:stack': 'shop' },
  });
  expect(fake.violations).toEqual([]);
}, 90_000);

test('the reader follows nextToken: with pages of 2, all five detectors are seen and re-plan is empty', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint, 2);
  const detectors = ['a', 'b', 'c', 'd', 'e'].map((n) => `  - name: ${n}\n    logGroups: [/shop/app]\n`).join('');
  const dir = stackDir({ 'stack.yaml': stackYaml(`logAnomalyDetectors:\n${detectors}`) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  expect(mine(fake).map((d) => d.detectorName)).toEqual(['a', 'b', 'c', 'd', 'e']);
  const before = fake.calls.length;
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.calls.slice(before).filter((c) => c.operation === 'ListLogAnomalyDetectors').length).toBe(3);
  expect(fake.violations).toEqual([]);
}, 60_000);

test('on the emulator itself (no detectors: "Unknown action") the rest of the stack still plans and applies', async () => {
  const account = freshAccount();
  const dir = stackDir({ 'stack.yaml': stackYaml('') });
  const options = optionsFor(account, dir);
  const run = await reconcile(options);
  expect(changeSummary(run.run)).toEqual(['create logGroup /shop/api', 'create logGroup /shop/app']);
  // The listing was asked, answered "Unknown action", and read as no detectors.
  expect(run.run.calls['CloudWatchLogs.ListLogAnomalyDetectors']).toBe(1);
  expect(changeSummary(await planStack(options))).toEqual([]);
  // A detector in the files plans as a create there (applying it needs AWS, or the fake).
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml('logAnomalyDetectors:\n  - name: app-anomalies\n    logGroups: [/shop/app]\n'),
  );
  expect(changeSummary(await planStack(options))).toEqual(['create logAnomalyDetector app-anomalies']);
}, 60_000);

test('two detectors of the stack under one name stop the plan naming both; one being deleted is not read', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const owned = { 'monitors:stack': 'shop' };
  const a = fake.seed({
    detectorName: 'app-anomalies',
    logGroupArnList: [groupArn(account, '/shop/app')],
    tags: owned,
  });
  fake.seed({
    detectorName: 'app-anomalies',
    logGroupArnList: [groupArn(account, '/shop/app')],
    tags: owned,
    anomalyDetectorStatus: 'DELETED',
  });
  const dir = stackDir({
    'stack.yaml': stackYaml(`logAnomalyDetectors:\n  - name: app-anomalies\n    logGroups: [/shop/app]\n`),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  // The one being deleted is not a twin: the live one is the stack's, unchanged.
  const first = await planStack(options);
  expect(changeSummary(first).filter((c) => c.includes('logAnomalyDetector'))).toEqual([]);
  const b = fake.seed({
    detectorName: 'app-anomalies',
    logGroupArnList: [groupArn(account, '/shop/app')],
    tags: owned,
  });
  const refused = planStack(options);
  await expect(refused).rejects.toThrow(/2 log anomaly detectors named "app-anomalies"/);
  await expect(planStack(options)).rejects.toThrow(a.anomalyDetectorArn);
  await expect(planStack(options)).rejects.toThrow(b.anomalyDetectorArn);
}, 60_000);

test('a create retried whole after a later call failed finds the detector its first attempt made: no twin', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const dir = stackDir({
    'stack.yaml': stackYaml(
      `logAnomalyDetectors:\n  - name: app-anomalies\n    logGroups: [/shop/app]\n    enabled: false\n`,
    ),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  // The pause after the create fails (a server fault) past the SDK's own 3 attempts, so the executor runs
  // the whole change again: its create must find the detector the first attempt made.
  fake.failNext('UpdateLogAnomalyDetector', 3, 'ServiceUnavailableException', 500);
  const { run } = await reconcile(options);
  expect(changeSummary(run).filter((c) => c.includes('logAnomalyDetector'))).toEqual([
    'create logAnomalyDetector app-anomalies',
  ]);
  const ops = fake.calls.map((c) => c.operation);
  expect(ops.filter((o) => o === 'UpdateLogAnomalyDetector').length).toBe(4);
  expect(ops.filter((o) => o === 'CreateLogAnomalyDetector').length).toBe(1);
  expect([...fake.detectors.values()].map((d) => [d.detectorName, d.anomalyDetectorStatus])).toEqual([
    ['app-anomalies', 'PAUSED'],
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 90_000);
