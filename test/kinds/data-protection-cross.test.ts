/**
 * Data-protection policies meeting the other features: a saved plan (`plan --save`, `apply FILE`), and
 * a policy changed by hand between plan and apply (stale: refused, nothing written). Through the CLI,
 * against the stateful fake in front of the emulator; and the fake itself refusing, as AWS would, a
 * request that breaks botocore's model.
 */
import { CloudWatchLogsClient, PutDataProtectionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { writeFileSync } from 'fs';
import * as path from 'path';
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import { startDataProtectionFake, type DataProtectionFake } from './data-protection-fake';

let fake: DataProtectionFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(removeStackDirs);

const stackYaml = (identifiers: string) =>
  `stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\ndataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [${identifiers}]\n`;

test('a policy goes through plan --save and apply FILE; one changed by hand since the plan is refused as stale', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': stackYaml('EmailAddress') });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
  const cli = (argv: string[]) =>
    runCliCaptured([...argv, '--endpoint-url', fake?.url ?? ''], {
      env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
    });

  expect((await cli(['plan', '--save', file, '--no-backtest', dir])).code).toBe(0);
  const applied = await cli(['apply', file]);
  expect(applied.code).toBe(0);
  expect(fake.policies.get('/shop/app')).toContain('data-identifier/EmailAddress');
  expect((await cli(['plan', '--detailed-exitcode', '--no-backtest', dir])).code).toBe(0);

  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml('EmailAddress, IpAddress'));
  expect((await cli(['plan', '--save', file, '--no-backtest', dir])).code).toBe(0);
  const byHand = (fake.policies.get('/shop/app') ?? '').replace('EmailAddress', 'AwsSecretKey');
  fake.policies.set('/shop/app', byHand);
  const writesBefore = fake.calls.filter((c) => c.operation !== 'GetDataProtectionPolicy').length;
  const stale = await cli(['apply', file]);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('is stale');
  expect(stale.stderr).toContain('data-protection policy /shop/app');
  expect(fake.calls.filter((c) => c.operation !== 'GetDataProtectionPolicy').length).toBe(writesBefore);
  expect(fake.policies.get('/shop/app')).toBe(byHand);
  expect(fake.violations).toEqual([]);
}, 90_000);

test('the fake refuses, as AWS would, a request that breaks the model, and records each broken rule', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  const logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: { accessKeyId: account.accountId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const bad = logs.send(
    new PutDataProtectionPolicyCommand({ logGroupIdentifier: '', policyDocument: undefined as never }),
  );
  await expect(bad).rejects.toMatchObject({ name: 'InvalidParameterException' });
  const broken = fake.violations.map((v) => `${v.path} ${v.rule}`);
  expect(broken.some((v) => v.startsWith('.logGroupIdentifier length at least 1'))).toBe(true);
  expect(broken).toContain('(input) required member policyDocument missing');
  expect(fake.policies.size).toBe(0);
  logs.destroy();
});
