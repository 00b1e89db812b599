/**
 * Alarm packs on the emulator, through the real pipeline: discovery reads Lambda (ListFunctions +
 * ListTags: the emulator serves no tagging API for Lambda), expansion makes ordinary metric alarms,
 * apply creates them, and the next plans follow the functions as they are tagged and deleted.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { DescribeAlarmsCommand, ListTagsForResourceCommand } from '@aws-sdk/client-cloudwatch';
import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient, TagResourceCommand } from '@aws-sdk/client-lambda';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { backtestPlan } from '../../src/backtest/hook';
import { applyStack, planStack } from '../../src/core';
import { renderText } from '../../src/render';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const ZIP = readFileSync(join(__dirname, '../../dist/forwarder/forwarder.zip'));

function lambdaOf(account: TestAccount): LambdaClient {
  return new LambdaClient({ region: account.region, endpoint: account.endpoint, credentials: account.credentials });
}

async function createFunction(
  lambda: LambdaClient,
  account: TestAccount,
  name: string,
  tags?: Record<string, string>,
  timeout = 30,
) {
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${account.accountId}:role/any`,
      Code: { ZipFile: ZIP },
      Timeout: timeout,
      ...(tags ? { Tags: tags } : {}),
    }),
  );
}

const PACK = (override: string) => `stack:
  name: shop
  region: us-east-1
topics:
  - name: shop-alerts
packs:
  - service: lambda
    select: { tags: { team: shop } }   # or names:, or a name prefix
    notify: shop-alerts
    override: { Errors: { threshold: ${override} } }
    except: [ConcurrentExecutions]
`;

const ALARM_KEYS = ['Duration', 'Errors', 'Throttles'];
const alarmsFor = (fns: string[]) => fns.flatMap((f) => ALARM_KEYS.map((k) => `create metricAlarm lambda-${f}-${k}`));

async function metricAlarms(account: TestAccount) {
  const out = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({ AlarmTypes: ['MetricAlarm'] }));
  return out.MetricAlarms ?? [];
}

describe('a Lambda pack selecting team=shop', () => {
  const account = freshAccount();
  const lambda = lambdaOf(account);
  const dir = stackDir({ 'stack.yaml': PACK('5') });
  const options = optionsFor(account, dir);

  beforeAll(async () => {
    for (const name of ['cart', 'checkout', 'payments']) await createFunction(lambda, account, name, { team: 'shop' });
    await createFunction(lambda, account, 'reports', { team: 'finance' }, 60);
  });

  test('plans alarms for exactly the three tagged functions, shown under the pack, and apply converges', async () => {
    const run = await planStack(options);
    expect(changeSummary(run)).toEqual(
      [...alarmsFor(['cart', 'checkout', 'payments']), 'create topic shop-alerts'].sort(),
    );
    const text = renderText(run.plan, { color: false });
    expect(text).toContain('pack lambda (team=shop) at ');
    expect(text).toMatch(/stack\.yaml:7: 3 functions × 3 alarms \(cart, checkout, payments\)/);
    // Each pack alarm's change sits under the pack's file:line.
    const change = run.plan.changes.find((c) => c.key.name === 'lambda-cart-Errors');
    expect(change?.source?.line).toBe(7);
    // Discovery's calls are counted with the rest of the plan's: one tag read per function (the
    // forwarder's reader lists functions too, so ListFunctions is not discovery's alone).
    expect(run.calls['Lambda.ListTags']).toBe(4);

    const result = await applyStack(run, options);
    expect(result.outcomes.every((o) => o.status === 'done')).toBe(true);
    const live = await metricAlarms(account);
    const errors = live.find((a) => a.AlarmName === 'lambda-checkout-Errors');
    expect(errors).toMatchObject({
      Namespace: 'AWS/Lambda',
      MetricName: 'Errors',
      Dimensions: [{ Name: 'FunctionName', Value: 'checkout' }],
      Threshold: 5,
      ComparisonOperator: 'GreaterThanThreshold',
      EvaluationPeriods: 3,
      Period: 60,
      AlarmActions: [`arn:aws:sns:us-east-1:${account.accountId}:shop-alerts`],
    });
    // The threshold read from the function: 80% of its 30 s timeout, in milliseconds.
    expect(live.find((a) => a.AlarmName === 'lambda-cart-Duration')?.Threshold).toBe(24000);
    const tags = await rawClients(account).cloudwatch.send(
      new ListTagsForResourceCommand({ ResourceARN: errors?.AlarmArn }),
    );
    expect(tags.Tags).toEqual(
      expect.arrayContaining([
        { Key: 'monitors:stack', Value: 'shop' },
        { Key: 'monitors:pack', Value: 'lambda' },
      ]),
    );

    const again = await planStack(options);
    expect(changeSummary(again)).toEqual([]);
    expect(renderText(again.plan, { color: false })).toContain('No changes.');
  });

  test('tagging the fourth function adds its alarms on the next plan', async () => {
    const arn = `arn:aws:lambda:us-east-1:${account.accountId}:function:reports`;
    await lambda.send(new TagResourceCommand({ Resource: arn, Tags: { team: 'shop' } }));
    const { run } = await reconcile(options);
    expect(changeSummary(run)).toEqual(alarmsFor(['reports']));
    // Its own timeout (60 s) gives its own Duration threshold.
    expect((await metricAlarms(account)).find((a) => a.AlarmName === 'lambda-reports-Duration')?.Threshold).toBe(48000);
    expect(changeSummary(await planStack(options))).toEqual([]);
  });

  test('deleting a function removes its alarms', async () => {
    await lambda.send(new DeleteFunctionCommand({ FunctionName: 'payments' }));
    const { run } = await reconcile(options);
    expect(changeSummary(run)).toEqual(ALARM_KEYS.map((k) => `delete metricAlarm lambda-payments-${k}`));
    expect((await metricAlarms(account)).map((a) => a.AlarmName)).not.toContain('lambda-payments-Errors');
    expect(changeSummary(await planStack(options))).toEqual([]);
  });

  test('an override changes exactly one threshold, per function', async () => {
    const edited = stackDir({ 'stack.yaml': PACK('7') });
    const run = await planStack({ ...options, directory: edited });
    const updates = run.plan.changes.filter((c) => c.action !== 'noop');
    expect(updates.map((c) => c.key.name).sort()).toEqual([
      'lambda-cart-Errors',
      'lambda-checkout-Errors',
      'lambda-reports-Errors',
    ]);
    for (const c of updates) {
      expect(c.action).toBe('update');
      if (c.action === 'update') expect(c.diffs.map((d) => [d.path, d.before, d.after])).toEqual([['threshold', 5, 7]]);
    }
  });

  test('the backtest replays a pack alarm: the override (> 7) against the live threshold (> 5)', async () => {
    const MIN = 60_000;
    const now = Math.floor(Date.now() / MIN) * MIN;
    // Six errors a minute for three minutes, ten minutes ago: above 5 for 3 of 3, never above 7.
    await rawClients(account).cloudwatch.send(
      new PutMetricDataCommand({
        Namespace: 'AWS/Lambda',
        MetricData: [10, 9, 8].map((ago) => ({
          MetricName: 'Errors',
          Dimensions: [{ Name: 'FunctionName', Value: 'cart' }],
          Timestamp: new Date(now - ago * MIN + 30_000),
          Value: 6,
        })),
      }),
    );
    const edited = stackDir({ 'stack.yaml': PACK('7') });
    const editedOptions = { ...options, directory: edited };
    const run = await planStack(editedOptions);
    const outcome = await backtestPlan(run, editedOptions, {
      now,
      only: 'lambda-cart-Errors',
      metricPacer: async () => {},
      limits: { sinceSeconds: 3600, maxMetrics: 10, maxLogBytes: 0, maxLogEvents: 0 },
    });
    if (!outcome || !('report' in outcome)) throw new Error(`no report: ${JSON.stringify(outcome)}`);
    const entry = outcome.report.entries.find((e) => e.alarm === 'lambda-cart-Errors');
    if (entry?.status !== 'done') throw new Error(`not backtested: ${JSON.stringify(entry)}`);
    expect(entry.next?.fired).toBe(0);
    expect(entry.current?.fired).toBe(1);
  });
});
