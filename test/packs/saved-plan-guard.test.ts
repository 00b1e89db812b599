/**
 * Pack alarms with saved plans and the mass-delete guard, through the CLI on the emulator: a saved
 * plan of a pack applies as saved; a resource appearing after the plan was saved makes the saved plan
 * stale (refused, nothing applied); functions disappearing delete their alarms only within the guard.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { DescribeAlarmsCommand } from '@aws-sdk/client-cloudwatch';
import { CreateFunctionCommand, DeleteFunctionCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const ZIP = readFileSync(path.join(__dirname, '../../dist/forwarder/forwarder.zip'));
const STACK = `stack: { name: shop, region: us-east-1 }
packs:
  - service: lambda
    select: { prefix: shop- }
    override: { Errors: { threshold: 5 } }
    except: [ConcurrentExecutions, Duration]
`;

const cli = (account: TestAccount, argv: string[]) =>
  runCliCaptured([...argv, '--endpoint-url', account.endpoint], {
    env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
  });

test('saved plans and the mass-delete guard treat pack alarms like any other', async () => {
  const account = freshAccount();
  const lambda = new LambdaClient({
    region: account.region,
    endpoint: account.endpoint,
    credentials: account.credentials,
  });
  const create = (FunctionName: string) =>
    lambda.send(
      new CreateFunctionCommand({
        FunctionName,
        Runtime: 'nodejs22.x',
        Handler: 'index.handler',
        Role: `arn:aws:iam::${account.accountId}:role/any`,
        Code: { ZipFile: ZIP },
      }),
    );
  for (const name of ['shop-a', 'shop-b', 'shop-c']) await create(name);
  const dir = stackDir({ 'stack.yaml': STACK });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);

  const saved = await cli(account, ['plan', '--save', file, dir]);
  expect(saved.code).toBe(0);
  expect(saved.stdout).toContain('pack lambda (prefix shop-)');
  expect(saved.stdout).toContain('3 functions × 2 alarms');
  const applied = await cli(account, ['apply', file]);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toMatch(/6 done/);
  expect((await cli(account, ['plan', dir])).stdout).toContain('No changes.');

  // A function appearing after the plan was saved: the saved plan no longer says what apply would do.
  expect((await cli(account, ['plan', '--save', file, dir])).code).toBe(0);
  await create('shop-d');
  const stale = await cli(account, ['apply', file]);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('Nothing was applied');

  // Three of four functions gone: 6 of 8 owned alarms to delete, more than the guard's half.
  expect((await cli(account, ['reconcile', '--yes', dir])).code).toBe(0);
  for (const name of ['shop-a', 'shop-b', 'shop-c'])
    await lambda.send(new DeleteFunctionCommand({ FunctionName: name }));
  const refused = await cli(account, ['reconcile', '--yes', dir]);
  expect(refused.code).toBe(1);
  expect(refused.stdout + refused.stderr).toMatch(/mass-delete|would delete 6 of 8/i);
  const left = await rawClients(account).cloudwatch.send(new DescribeAlarmsCommand({}));
  expect(left.MetricAlarms?.map((a) => a.AlarmName)).toHaveLength(8);
});
