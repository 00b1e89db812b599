/**
 * A mute rule naming an alarm pack, through the real pipeline: discovery reads the Lambda functions
 * on the emulator, the pack makes their alarms, the rule (on the stateful fake, checked against
 * botocore's model) targets exactly those, re-plans empty, and follows the pack when a function joins.
 */
import { readFileSync } from 'fs';
import { join } from 'path';
import { CreateFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { planStack } from '../../src/core';
import { freshAccount, type TestAccount } from '../harness/emulator';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { startMuteRuleFake, type MuteRuleFake } from './mute-rule-fake';

const ZIP = readFileSync(join(__dirname, '../../dist/forwarder/forwarder.zip'));

let fake: MuteRuleFake;
afterAll(async () => {
  await fake?.close();
  removeStackDirs();
});

async function createFunction(account: TestAccount, name: string): Promise<void> {
  const lambda = new LambdaClient({
    region: account.region,
    endpoint: account.endpoint,
    credentials: account.credentials,
  });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: name,
      Runtime: 'nodejs22.x',
      Handler: 'index.handler',
      Role: `arn:aws:iam::${account.accountId}:role/any`,
      Code: { ZipFile: ZIP },
      Timeout: 30,
      Tags: { team: 'shop' },
    }),
  );
}

const STACK = `stack:
  name: shop
  region: us-east-1
topics:
  - name: shop-alerts
packs:
  - service: lambda
    select: { tags: { team: shop } }
    notify: shop-alerts
    override: { Errors: { threshold: 5 } }
    except: [ConcurrentExecutions, Duration]
muteRules:
  - name: nightly-batch
    cron: '0 1 * * *'
    duration: 2h
    packs: [lambda]
`;

test('the rule targets the pack alarms discovery made, re-plans empty, and follows a new function', async () => {
  const account = freshAccount();
  fake = await startMuteRuleFake(account.endpoint);
  await createFunction(account, 'cart');
  const options = optionsFor(account, stackDir({ 'stack.yaml': STACK }), { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create alarmMuteRule monitors.shop.nightly-batch',
    'create metricAlarm lambda-cart-Errors',
    'create metricAlarm lambda-cart-Throttles',
    'create topic shop-alerts',
  ]);
  expect(fake.rules.get('monitors.shop.nightly-batch')?.MuteTargets?.AlarmNames).toEqual([
    'lambda-cart-Errors',
    'lambda-cart-Throttles',
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);

  await createFunction(account, 'checkout');
  const grown = await reconcile(options);
  expect(changeSummary(grown.run)).toEqual([
    'create metricAlarm lambda-checkout-Errors',
    'create metricAlarm lambda-checkout-Throttles',
    'update alarmMuteRule monitors.shop.nightly-batch',
  ]);
  expect(fake.rules.get('monitors.shop.nightly-batch')?.MuteTargets?.AlarmNames).toEqual([
    'lambda-cart-Errors',
    'lambda-cart-Throttles',
    'lambda-checkout-Errors',
    'lambda-checkout-Throttles',
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 120_000);
