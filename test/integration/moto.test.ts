/**
 * The full cycle on a second emulator, moto (pinned in scripts/moto.version): plan, apply, re-plan
 * empty, change, delete, import and the chat forwarder converge there as on ministack. And its gaps
 * (docs/emulators.md), each met the way the tool meets it: no composite alarms (an HTML 500, named as
 * such), a metric filter put twice under one name kept twice (named as state AWS cannot hold).
 */
import { PutMetricAlarmCommand } from '@aws-sdk/client-cloudwatch';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { mkdtempSync } from 'fs';
import { tmpdir } from 'os';
import { applyStack, planStack } from '../../src/core';
import type { EmulatorProcess } from '../harness/emulator-process';
import { motoAccount, startMoto } from '../harness/moto';
import { rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { startWebhook, type Webhook } from '../forwarder/loopback';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

let moto: EmulatorProcess;
let account: TestAccount;
let slack: Webhook;
beforeAll(async () => {
  moto = await startMoto();
  account = motoAccount(moto.endpoint);
  slack = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T0/B0/moto-secret');
}, 60_000);
afterAll(async () => {
  removeStackDirs();
  await slack?.close();
  await moto?.stop();
});

const STACK = `stack:
  name: shop
  region: us-east-1
`;
const APP = (threshold: number) => `logGroups:
  - name: /shop/api
    retention: 7
metricFilters:
  - name: errors
    logGroup: /shop/api
    pattern: ERROR
    metric: { namespace: Shop, name: Errors }
topics:
  - name: shop-alerts
    subscriptions:
      - email: oncall@example.com
      - slack: \${env:SLACK_WEBHOOK_URL}
alarms:
  - name: shop-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 1m }
    threshold: ">= ${threshold}"
    notify: shop-alerts
dashboards:
  - name: overview
    widgets:
      - graph: { title: Errors, alarm: shop-errors }
`;

const env = () => ({ SLACK_WEBHOOK_URL: slack.url });
const cliEnv = () => ({
  AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
  AWS_REGION: account.region,
  ...env(),
});

test('plan, apply, re-plan empty, change, import, delete: the cycle converges on moto', async () => {
  const dir = stackDir({ 'stack.yaml': STACK, 'app.yaml': APP(2) });
  const options = optionsFor(account, dir, { env: env() });
  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual(
    expect.arrayContaining([
      'create logGroup /shop/api',
      'create metricAlarm shop-errors',
      'create topic shop-alerts',
      expect.stringMatching(/^create forwarderFunction /),
    ]),
  );
  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(path.join(dir, 'app.yaml'), APP(5));
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update metricAlarm shop-errors']);
  expect(changeSummary(await planStack(options))).toEqual([]);

  // Made by hand, beside the stack: what import takes over.
  const aws = rawClients(account);
  await aws.logs.send(new CreateLogGroupCommand({ logGroupName: '/legacy/app' }));
  await aws.cloudwatch.send(
    new PutMetricAlarmCommand({
      AlarmName: 'legacy-cpu',
      Namespace: 'AWS/EC2',
      MetricName: 'CPUUtilization',
      Statistic: 'Average',
      Period: 300,
      EvaluationPeriods: 1,
      Threshold: 90,
      ComparisonOperator: 'GreaterThanThreshold',
    }),
  );
  const out = path.join(mkdtempSync(path.join(tmpdir(), 'monitors-moto-')), 'monitors');
  const imported = await runCliCaptured(
    [
      'import',
      '--out',
      out,
      '--stack',
      'copy',
      '--region',
      account.region,
      '--endpoint-url',
      account.endpoint,
      '--all',
    ],
    { env: cliEnv() },
  );
  expect(imported.stderr).not.toContain('Internal error');
  expect(imported.code).toBe(0);
  // The imported files adopt what they describe, and then plan to nothing.
  const adopting = await reconcile(optionsFor(account, out));
  expect(changeSummary(adopting.run)).toEqual(['adopt logGroup /legacy/app', 'adopt metricAlarm legacy-cpu']);
  expect(changeSummary(await planStack(optionsFor(account, out)))).toEqual([]);

  const empty = stackDir({ 'stack.yaml': STACK });
  const gone = await reconcile(optionsFor(account, empty, { allowMassDelete: true, env: env() }));
  expect(gone.result.failed).toBe(0);
  expect(changeSummary(await planStack(optionsFor(account, empty)))).toEqual([]);
}, 180_000);

test('a composite alarm on moto fails as an HTML answer naming the call; the rest applies', async () => {
  const dir = stackDir({
    'stack.yaml': 'stack:\n  name: comp\n  region: us-east-1\n',
    'alarms.yaml': `alarms:
  - name: comp-a
    metric: { namespace: Comp, name: A, stat: Sum, period: 1m }
    threshold: "> 1"
compositeAlarms:
  - name: comp-both
    rule: ALARM("comp-a")
`,
  });
  const options = optionsFor(account, dir);
  const result = await applyStack(await planStack(options), options);
  const failed = result.outcomes.filter((o) => o.status === 'failed');
  expect(failed).toHaveLength(1);
  const [f] = failed;
  if (f?.status !== 'failed') throw new Error('no failure');
  expect(f.change.key.name).toBe('comp-both');
  expect(f.error.message).toMatch(
    /^CloudWatch\.PutCompositeAlarm failed: the endpoint answered HTML, not an AWS API answer \(HTTP 500, text\/html/,
  );
  expect(result.done).toBe(1);
}, 120_000);

test('a metric filter moto keeps twice under one name is named as state AWS cannot hold, not a crash', async () => {
  const files = (pattern: string) => ({
    'stack.yaml': 'stack:\n  name: dup\n  region: us-east-1\n',
    'app.yaml': `logGroups:
  - name: /dup/api
metricFilters:
  - name: errors
    logGroup: /dup/api
    pattern: ${pattern}
    metric: { namespace: Dup, name: Errors }
`,
  });
  const dir = stackDir(files('ERROR'));
  await reconcile(optionsFor(account, dir));
  // The update puts the filter again under its name: AWS replaces it, moto adds a second one.
  const dir2 = stackDir(files('FATAL'));
  await reconcile(optionsFor(account, dir2));
  const again = await runCliCaptured(['plan', dir2, '--endpoint-url', account.endpoint], { env: cliEnv() });
  expect(again.code).toBe(1);
  expect(again.stderr).toContain(
    'Error: the endpoint answered two metric filters named monitors.dup.errors on /dup/api: AWS keeps names unique; the endpoint is not behaving like AWS.',
  );
  expect(again.stderr).not.toContain('Internal error');
}, 120_000);

test("moto's tagging API knows log groups only as logs:loggroup: through it an owned log group gone from the files is not seen; per resource (the default with --endpoint-url) it is", async () => {
  const files = (groups: string[]) => ({
    'stack.yaml': 'stack:\n  name: tagged\n  region: us-east-1\n',
    'app.yaml': `logGroups:\n${groups.map((g) => `  - name: ${g}\n`).join('')}`,
  });
  await reconcile(optionsFor(account, stackDir(files(['/tagged/a', '/tagged/b']))));
  const fewer = stackDir(files(['/tagged/a']));
  const viaTagging = await planStack(optionsFor(account, fewer, { tagSource: 'tagging-api' }));
  expect(changeSummary(viaTagging)).toEqual([]);
  const perResource = await planStack(optionsFor(account, fewer, { tagSource: 'per-resource' }));
  expect(changeSummary(perResource)).toEqual(['delete logGroup /tagged/b']);
}, 120_000);
