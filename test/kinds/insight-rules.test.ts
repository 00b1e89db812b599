/**
 * Contributor Insights rules on moto (ministack has none): create with the alarm that reads the rule,
 * re-plan empty, change the rule, disable it, delete it (through the mass-delete guard), and a rule
 * made by hand beside them is never touched. Every request the runs send for the kind is checked
 * against botocore's model of CloudWatch (through a recording proxy).
 */
import {
  DescribeInsightRulesCommand,
  ListTagsForResourceCommand,
  PutInsightRuleCommand,
} from '@aws-sdk/client-cloudwatch';
import { backtestPlan } from '../../src/backtest/hook';
import { applyStack, planStack } from '../../src/core';
import { MonitorsError } from '../../src/model';
import { canonicalDefinition } from '../../src/kinds/insight-rule/definition';
import * as path from 'path';
import { runCliCaptured } from '../harness/run-cli';
import { checkRequest, loadModel } from '../harness/api-model';
import type { EmulatorProcess } from '../harness/emulator-process';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { motoAccount, startMoto } from '../harness/moto';
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';

let moto: EmulatorProcess;
let proxy: RecordingProxy;
let account: TestAccount;
beforeAll(async () => {
  moto = await startMoto();
  proxy = await startRecordingProxy(moto.endpoint);
  account = motoAccount(proxy.endpoint);
}, 60_000);
afterAll(async () => {
  removeStackDirs();
  await proxy?.stop();
  await moto?.stop();
});

const STACK = 'stack:\n  name: shop\n  region: us-east-1\n';
const files = (rule: string, extra = '') => ({
  'stack.yaml': STACK,
  'app.yaml': `logGroups:
  - name: /shop/api
contributorInsights:
  - name: shop-top-ips
${rule}${extra}`,
});
const RULE = `    rule:
      LogGroupNames: [/shop/api]
      LogFormat: JSON
      Contribution:
        Keys: [$.ip]
      AggregateOn: Count
`;
// The same rule as JSON pasted from the console, keys in another order, and a filter more.
const CHANGED = `    rule: {"AggregateOn": "Count", "LogFormat": "JSON", "LogGroupNames": ["/shop/api"],
      "Contribution": {"Keys": ["$.ip"], "Filters": [{"Match": "$.status", "GreaterThan": 499}]}}
`;
const ALARM = `alarms:
  - name: shop-one-ip-dominates
    metrics:
      - id: top
        expression: INSIGHT_RULE_METRIC('shop-top-ips', 'MaxContributorValue')
        period: 5m
    threshold: "> 1000"
`;

const rulesOf = async () =>
  (await rawClients(account).cloudwatch.send(new DescribeInsightRulesCommand({}))).InsightRules ?? [];

test('create, re-plan empty, change, disable, delete; a hand-made rule is never touched; every request fits the model', async () => {
  const aws = rawClients(account);
  await aws.cloudwatch.send(
    new PutInsightRuleCommand({
      RuleName: 'hand-made',
      RuleState: 'ENABLED',
      RuleDefinition: JSON.stringify({
        Schema: { Name: 'CloudWatchLogRule', Version: 1 },
        LogGroupNames: ['/other'],
        LogFormat: 'JSON',
        Contribution: { Keys: ['$.user'] },
        AggregateOn: 'Count',
      }),
    }),
  );

  const setUp = proxy.requests().length;
  const first = await reconcile(optionsFor(account, stackDir(files(RULE, ALARM))));
  expect(changeSummary(first.run)).toEqual([
    'create insightRule shop-top-ips',
    'create logGroup /shop/api',
    'create metricAlarm shop-one-ip-dominates',
  ]);
  // The alarm reads the rule: it is made after it.
  const ops = proxy.requests().map((r) => r.operation);
  expect(ops.indexOf('CloudWatch.PutInsightRule')).toBeLessThan(ops.indexOf('CloudWatch.PutMetricAlarm'));
  const made = (await rulesOf()).find((r) => r.Name === 'shop-top-ips');
  expect(made?.State).toBe('ENABLED');
  expect(JSON.parse(made?.Definition ?? '{}')).toEqual({
    AggregateOn: 'Count',
    Contribution: { Keys: ['$.ip'] },
    LogFormat: 'JSON',
    LogGroupNames: ['/shop/api'],
    Schema: { Name: 'CloudWatchLogRule', Version: 1 },
  });
  const arn = `arn:aws:cloudwatch:us-east-1:${account.accountId}:insight-rule/shop-top-ips`;
  const tags = (await aws.cloudwatch.send(new ListTagsForResourceCommand({ ResourceARN: arn }))).Tags;
  expect(tags).toEqual([{ Key: 'monitors:stack', Value: 'shop' }]);
  expect(changeSummary(await planStack(optionsFor(account, stackDir(files(RULE, ALARM)))))).toEqual([]);

  const changed = await reconcile(optionsFor(account, stackDir(files(CHANGED, ALARM))));
  expect(changeSummary(changed.run)).toEqual(['update insightRule shop-top-ips']);
  expect(changed.run.plan.changes.find((c) => c.action === 'update')).toMatchObject({
    diffs: [{ path: 'definition', forcesReplacement: false }],
  });
  expect(changeSummary(await planStack(optionsFor(account, stackDir(files(CHANGED, ALARM)))))).toEqual([]);

  const disabled = files(`    enabled: false\n${CHANGED}`, ALARM);
  const off = await reconcile(optionsFor(account, stackDir(disabled)));
  expect(changeSummary(off.run)).toEqual(['update insightRule shop-top-ips']);
  expect(proxy.requests().map((r) => r.operation)).toContain('CloudWatch.DisableInsightRules');
  expect((await rulesOf()).find((r) => r.Name === 'shop-top-ips')?.State).toBe('DISABLED');
  expect(changeSummary(await planStack(optionsFor(account, stackDir(disabled))))).toEqual([]);

  // Files emptied: deleting everything the stack owns is refused until allowed.
  const empty = stackDir({ 'stack.yaml': STACK });
  const refused = await planStack(optionsFor(account, empty));
  expect(changeSummary(refused)).toEqual([
    'delete insightRule shop-top-ips',
    'delete logGroup /shop/api',
    'delete metricAlarm shop-one-ip-dominates',
  ]);
  expect(refused.plan.guards.filter((g) => g.refused).map((g) => g.name)).toEqual(['delete-all']);
  await expect(applyStack(refused, optionsFor(account, empty))).rejects.toThrow(MonitorsError);
  expect((await rulesOf()).map((r) => r.Name).sort()).toEqual(['hand-made', 'shop-top-ips']);
  await reconcile(optionsFor(account, empty, { allowMassDelete: true }));
  expect((await rulesOf()).map((r) => r.Name)).toEqual(['hand-made']);
  expect(changeSummary(await planStack(optionsFor(account, empty)))).toEqual([]);

  const model = loadModel('cloudwatch');
  const sent = proxy
    .requests()
    .slice(setUp)
    .filter(
      (r) => /InsightRule|TagResource|ListTagsForResource/.test(r.operation) && r.operation.startsWith('CloudWatch.'),
    );
  expect(sent.map((r) => r.operation)).toEqual(
    expect.arrayContaining([
      'CloudWatch.PutInsightRule',
      'CloudWatch.DescribeInsightRules',
      'CloudWatch.DisableInsightRules',
      'CloudWatch.DeleteInsightRules',
      'CloudWatch.ListTagsForResource',
    ]),
  );
  for (const r of sent)
    expect(checkRequest(model, r.operation.split('.')[1] as string, JSON.parse(r.raw || '{}'))).toEqual([]);
  // The hand-made rule was read (listed) but never written to.
  expect(sent.filter((r) => r.raw.includes('hand-made') && !r.operation.endsWith('ListTagsForResource'))).toEqual([]);
}, 180_000);

test('on ministack, which has no Contributor Insights, the rest of a stack with a rule still plans and applies', async () => {
  const ministack = freshAccount();
  const dir = stackDir(files(RULE));
  const run = await planStack(optionsFor(ministack, dir));
  expect(changeSummary(run)).toEqual(['create insightRule shop-top-ips', 'create logGroup /shop/api']);
  const result = await applyStack(run, optionsFor(ministack, dir));
  const failed = result.outcomes.filter((o) => o.status === 'failed').map((o) => o.change.key.kind);
  expect(failed).toEqual(['insightRule']);
  const f = result.outcomes.find((o) => o.status === 'failed');
  expect(f?.status === 'failed' ? f.error.message : '').toMatch(/PutInsightRule/);
  expect(result.done).toBe(1);
}, 60_000);

test('backtest says it cannot replay an alarm on INSIGHT_RULE_METRIC, and replays the others', async () => {
  const ministack = freshAccount();
  const dir = stackDir(
    files(
      RULE,
      `${ALARM}  - name: shop-errors
    metric: { namespace: Shop, name: Errors, stat: Sum, period: 5m }
    threshold: "> 5"
`,
    ),
  );
  const options = optionsFor(ministack, dir);
  const outcome = await backtestPlan(await planStack(options), options, { metricPacer: async () => {} });
  if (!outcome || !('report' in outcome)) throw new Error(`no report: ${JSON.stringify(outcome)}`);
  const byAlarm = Object.fromEntries(outcome.report.entries.map((e) => [e.alarm, e]));
  expect(byAlarm['shop-one-ip-dominates']).toMatchObject({
    status: 'skipped',
    reason: expect.stringContaining('reads a Contributor Insights rule (INSIGHT_RULE_METRIC)'),
  });
  expect(byAlarm['shop-errors']?.status).toBe('done');
}, 60_000);

test('a saved plan of a rule change applies, and is refused when the rule moved since', async () => {
  const cli = (argv: string[]) =>
    runCliCaptured([...argv, '--endpoint-url', account.endpoint], {
      env: {
        AWS_ACCESS_KEY_ID: account.credentials.accessKeyId,
        AWS_SECRET_ACCESS_KEY: account.credentials.secretAccessKey,
        AWS_REGION: account.region,
      },
    });
  const saved = (files: Record<string, string>) => {
    const dir = stackDir(files);
    return { dir, file: path.join(dir, '..', `${path.basename(dir)}.plan.json`) };
  };
  const stack = (rule: string) => ({
    'stack.yaml': 'stack:\n  name: saved\n  region: us-east-1\n',
    'app.yaml': `contributorInsights:\n  - name: saved-top\n${rule}`,
  });
  await reconcile(optionsFor(account, stackDir(stack(RULE))));

  const change = saved(stack(CHANGED));
  expect((await cli(['plan', '--save', change.file, change.dir])).code).toBe(0);
  const applied = await cli(['apply', change.file]);
  expect(applied.stdout).toContain('Applied the saved plan');
  expect(applied.code).toBe(0);
  expect((await cli(['plan', '--detailed-exitcode', change.dir])).stdout).toContain('No changes.');

  // Saved, then the rule is changed by hand before the apply: the apply refuses and writes nothing.
  const stale = saved(stack(RULE));
  expect((await cli(['plan', '--save', stale.file, stale.dir])).code).toBe(0);
  await rawClients(account).cloudwatch.send(
    new PutInsightRuleCommand({
      RuleName: 'saved-top',
      RuleState: 'DISABLED',
      RuleDefinition: canonicalDefinition({
        LogGroupNames: ['/x'],
        LogFormat: 'JSON',
        Contribution: { Keys: ['$.y'] },
        AggregateOn: 'Count',
      }),
    }),
  );
  const refused = await cli(['apply', stale.file]);
  expect(refused.code).not.toBe(0);
  expect(refused.stderr).toContain('live state changed since the plan was made');
  expect(refused.stderr).toContain('Contributor Insights rule saved-top: definition');
  expect(refused.stderr).toContain('Nothing was applied.');
  expect((await rulesOf()).find((r) => r.Name === 'saved-top')?.State).toBe('DISABLED');
}, 120_000);
