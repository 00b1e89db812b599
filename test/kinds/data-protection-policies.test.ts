/**
 * Data-protection policies through the real pipeline. No emulator has them, so their three calls go to
 * a stateful fake (data-protection-fake.ts) that checks every request and answer against botocore's
 * model; log groups reach the emulator. Made, re-planned empty, changed (the document shown as lines),
 * deleted; a hand-made policy on a log group the files do not declare is never read or touched; each
 * YAML mistake is refused at file:line:column with nothing sent; the raw emulator ("Unknown action")
 * still plans; import writes a hand-made policy back as YAML that re-plans empty.
 */
import { CreateLogGroupCommand, GetDataProtectionPolicyCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { planStack } from '../../src/core';
import { unknownAction } from '../../src/kinds/shared/unknown-action';
import { planRefused, refusalMessage } from '../../src/plan/guards';
import { freshAccount, rawClients } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { changeSummary, optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';
import { startDataProtectionFake, type DataProtectionFake } from './data-protection-fake';

let fake: DataProtectionFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(removeStackDirs);

const ARN = 'arn:aws:dataprotection::aws:data-identifier/';

function stackYaml(policies: string): string {
  return `stack:\n  name: shop\n  region: us-east-1\nlogGroups:\n  - name: /shop/app\n  - name: /shop/audit\n${policies}`;
}

const statements = (doc: string | undefined) =>
  (JSON.parse(doc ?? '{}') as { Statement: { Sid: string; DataIdentifier: string[]; Operation: unknown }[] }).Statement;

test('a policy is put on its log group, re-plans empty, changes with its identifiers shown as lines, and goes; a hand-made one elsewhere is untouched', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/billing/app' }));
  const byHand = JSON.stringify({ Name: 'by-hand', Version: '2021-06-01', Statement: [] });
  fake.policies.set('/billing/app', byHand);
  const dir = stackDir({
    'stack.yaml': stackYaml(`dataProtectionPolicies:
  - logGroup: /shop/app
    identifiers: [EmailAddress, AwsSecretKey]
    audit:
      findingsDestination: { cloudWatchLogs: /shop/audit }
`),
  });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });

  const first = await reconcile(options);
  expect(changeSummary(first.run)).toEqual([
    'create dataProtectionPolicy /shop/app',
    'create logGroup /shop/app',
    'create logGroup /shop/audit',
  ]);
  const made = JSON.parse(fake.policies.get('/shop/app') ?? '{}') as Record<string, unknown>;
  expect(made).toMatchObject({ Name: 'monitors.shop', Version: '2021-06-01' });
  expect(statements(fake.policies.get('/shop/app'))).toEqual([
    {
      Sid: 'audit-policy',
      DataIdentifier: [`${ARN}AwsSecretKey`, `${ARN}EmailAddress`],
      Operation: { Audit: { FindingsDestination: { CloudWatchLogs: { LogGroup: '/shop/audit' } } } },
    },
    {
      Sid: 'redact-policy',
      DataIdentifier: [`${ARN}AwsSecretKey`, `${ARN}EmailAddress`],
      Operation: { Deidentify: { MaskConfig: {} } },
    },
  ]);
  expect(changeSummary(await planStack(options))).toEqual([]);
  // Made by hand on a log group the stack owns: not the stack's (its Name carries no stack), so never touched.
  fake.policies.set('/shop/audit', byHand);

  // AWS may answer the document with its keys in another order: still no change.
  const shuffled = JSON.parse(fake.policies.get('/shop/app') ?? '{}') as Record<string, unknown>;
  fake.policies.set('/shop/app', JSON.stringify(Object.fromEntries(Object.entries(shuffled).reverse()), null, 4));
  expect(changeSummary(await planStack(options))).toEqual([]);

  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(`dataProtectionPolicies:
  - logGroup: /shop/app
    identifiers: [EmailAddress, DriversLicense-US]
`),
  );
  const changed = await reconcile(options);
  expect(changeSummary(changed.run)).toEqual(['update dataProtectionPolicy /shop/app']);
  const text = await runCliCaptured(['plan', dir, '--endpoint-url', fake.url, '--no-backtest'], {
    env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
  });
  expect(text.stdout).toContain('No changes.');
  expect(statements(fake.policies.get('/shop/app'))[0]).toEqual({
    Sid: 'audit-policy',
    DataIdentifier: [`${ARN}DriversLicense-US`, `${ARN}EmailAddress`],
    Operation: { Audit: { FindingsDestination: {} } },
  });

  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(''));
  const removed = await reconcile(options);
  expect(changeSummary(removed.run)).toEqual(['delete dataProtectionPolicy /shop/app']);
  expect([...fake.policies.keys()].sort()).toEqual(['/billing/app', '/shop/audit']);
  expect(fake.policies.get('/billing/app')).toBe(byHand);
  expect(fake.policies.get('/shop/audit')).toBe(byHand);
  expect(fake.calls.filter((c) => String(c.input.logGroupIdentifier) === '/billing/app')).toEqual([]);
  expect(
    fake.calls.filter(
      (c) => String(c.input.logGroupIdentifier) === '/shop/audit' && c.operation !== 'GetDataProtectionPolicy',
    ),
  ).toEqual([]);
  expect(fake.violations).toEqual([]);
}, 90_000);

test('the plan shows a changed document line by line', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  const dir = stackDir({
    'stack.yaml': stackYaml(`dataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n`),
  });
  await reconcile(optionsFor(account, dir, { endpointUrl: fake.url }));
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    stackYaml(`dataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [EmailAddress, IpAddress]\n`),
  );
  const plan = await runCliCaptured(['plan', dir, '--endpoint-url', fake.url, '--no-backtest'], {
    env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' },
  });
  expect(plan.code).toBe(0);
  const added = plan.stdout.split('\n').filter((l) => /^\s*\+.*IpAddress/.test(l));
  // One added line per statement: the audit's identifiers and the mask's.
  expect(added).toHaveLength(2);
  // The old last identifier loses nothing but its place as last (JSON's comma): one removed line per statement.
  expect(plan.stdout.split('\n').filter((l) => /^\s*-\s/.test(l))).toHaveLength(2);
}, 60_000);

test.each([
  [
    'a second policy on one log group',
    `  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n  - logGroup: /shop/app\n    identifiers: [IpAddress]\n`,
    /stack\.yaml:10:15: .*already has a data-protection policy/,
  ],
  [
    'an undeclared log group',
    `  - logGroup: /shop/ap\n    identifiers: [EmailAddress]\n`,
    /stack\.yaml:8:15: .*\/shop\/ap.*did you mean "\/shop\/app"/,
  ],
  [
    'a misspelt identifier',
    `  - logGroup: /shop/app\n    identifiers: [EmailAdress]\n`,
    /stack\.yaml:9:19: .*"EmailAdress" is not a CloudWatch Logs managed data identifier; did you mean "EmailAddress"\?/,
  ],
  [
    'a country identifier without its country',
    `  - logGroup: /shop/app\n    identifiers: [DriversLicense]\n`,
    /stack\.yaml:9:19: .*needs a country code: DriversLicense-US/,
  ],
  [
    'a malformed identifier ARN',
    `  - logGroup: /shop/app\n    identifiers: ['arn:aws:dataprotection::aws:identifier/Email']\n`,
    /stack\.yaml:9:19: .*is not a managed data identifier's ARN/,
  ],
  [
    '${env:} in the log group',
    `  - logGroup: \${env:GROUP}\n    identifiers: [EmailAddress]\n`,
    /stack\.yaml:8:15: .*\$\{env:/,
  ],
  [
    'an unknown key',
    `  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n    mask: true\n`,
    /stack\.yaml:10:5: /,
  ],
])(
  '%s is refused at file:line:column and nothing is sent',
  async (_what, policies, message) => {
    const account = freshAccount();
    fake = await startDataProtectionFake(account.endpoint);
    const dir = stackDir({ 'stack.yaml': stackYaml(`dataProtectionPolicies:\n${policies}`) });
    const run = await runCliCaptured(['plan', dir, '--endpoint-url', fake.url, '--no-backtest'], {
      env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1', GROUP: '/shop/app' },
    });
    expect(run.code).not.toBe(0);
    expect(run.stdout + run.stderr).toMatch(message);
    expect(fake.calls).toEqual([]);
  },
  30_000,
);

test('on the raw emulator, which has no data-protection calls, a policy plans as a create and the rest plans too', async () => {
  const account = freshAccount();
  const dir = stackDir({
    'stack.yaml': stackYaml(`dataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n`),
  });
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/app' }));
  const asked = await rawClients(account)
    .logs.send(new GetDataProtectionPolicyCommand({ logGroupIdentifier: '/shop/app' }))
    .then(
      () => 'answered',
      (err: unknown) => (unknownAction(err) ? 'unknown action' : String(err)),
    );
  expect(asked).toBe('unknown action');
  const run = await planStack(optionsFor(account, dir));
  expect(changeSummary(run)).toEqual([
    'adopt logGroup /shop/app',
    'create dataProtectionPolicy /shop/app',
    'create logGroup /shop/audit',
  ]);
}, 60_000);

test('import writes a hand-made policy on a selected log group; the files adopt it and re-plan empty', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/orders' }));
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/billing/app' }));
  const doc = {
    Name: 'orders-pii',
    Description: 'made in the console',
    Version: '2021-06-01',
    Statement: [
      {
        Sid: 'audit-policy',
        DataIdentifier: [`${ARN}EmailAddress`, `${ARN}Ssn-US`],
        Operation: { Audit: { FindingsDestination: { S3: { Bucket: 'orders-findings' } } } },
      },
      {
        Sid: 'redact-policy',
        DataIdentifier: [`${ARN}EmailAddress`, `${ARN}Ssn-US`],
        Operation: { Deidentify: { MaskConfig: {} } },
      },
    ],
  };
  fake.policies.set('/shop/orders', JSON.stringify(doc));
  fake.policies.set('/billing/app', JSON.stringify(doc));
  // Only an audit statement: not the pair the files write, so import leaves it out and says so.
  await rawClients(account).logs.send(new CreateLogGroupCommand({ logGroupName: '/shop/custom' }));
  fake.policies.set('/shop/custom', JSON.stringify({ ...doc, Statement: doc.Statement.slice(0, 1) }));
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
  expect(imported.stdout).toMatch(/Left out \(1\)[^]*data-protection policy \/shop\/custom: its document is not/);
  const file = parse(readFileSync(path.join(out, 'data-protection-policies.yaml'), 'utf8')) as Record<string, unknown>;
  expect(file.dataProtectionPolicies).toEqual([
    {
      logGroup: '/shop/orders',
      identifiers: ['EmailAddress', 'Ssn-US'],
      policyDescription: 'made in the console',
      audit: { findingsDestination: { s3: 'orders-findings' } },
    },
  ]);
  // Adopting writes the stack's mark into the document's Name: import says the first plan does more than adopt.
  expect(imported.stdout).toMatch(
    /would do more than adopt:\n\s*data-protection policy \/shop\/orders: document would change/,
  );
  const plan = await cli(['plan', out, ...endpoint, '--no-backtest', '--format', 'json']);
  const changes = (
    JSON.parse(plan.stdout) as { changes: { action: string; kind: string; diffs?: { path: string }[] }[] }
  ).changes;
  expect(
    changes.filter((c) => c.kind === 'dataProtectionPolicy').map((c) => [c.action, c.diffs?.map((d) => d.path)]),
  ).toEqual([['adopt', ['document']]]);
  const applied = await cli(['reconcile', out, ...endpoint, '--no-backtest', '--yes']);
  expect(applied.code).toBe(0);
  const again = await cli(['plan', out, ...endpoint, '--no-backtest']);
  expect(again.stdout).toContain('No changes.');
  // Adopting rewrites the Name to the stack's mark, one Put; the description and identifiers are kept.
  expect(
    fake.calls
      .filter((c) => c.operation !== 'GetDataProtectionPolicy')
      .map((c) => [c.operation, c.input.logGroupIdentifier]),
  ).toEqual([['PutDataProtectionPolicy', '/shop/orders']]);
  expect(JSON.parse(fake.policies.get('/shop/orders') ?? '{}')).toEqual({ ...doc, Name: 'monitors.shop' });
  expect(fake.policies.get('/shop/custom')).toBe(JSON.stringify({ ...doc, Statement: doc.Statement.slice(0, 1) }));
  expect(fake.violations).toEqual([]);
}, 90_000);

interface Statement {
  readonly Sid?: string;
  readonly Action: string | string[];
  readonly Resource: string | string[];
  readonly Condition?: unknown;
}

async function iamPolicy(dir: string, mode: 'plan' | 'apply'): Promise<Statement[]> {
  const run = await runCliCaptured(['iam-policy', '--mode', mode, '--account-id', '123456789012', dir]);
  expect(run.code).toBe(0);
  const json = run.stdout.slice(0, run.stdout.lastIndexOf('}') + 1);
  return (JSON.parse(json) as { Statement: Statement[] }).Statement;
}

const withAction = (statements: readonly Statement[], action: string) =>
  statements.filter((s) => [s.Action].flat().includes(action));

test('the plan policy only reads policies; the apply policy writes them on the stack’s tagged log groups and the protected ones', async () => {
  const dir = stackDir({
    'stack.yaml': stackYaml(`dataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n`),
  });
  const plan = await iamPolicy(dir, 'plan');
  expect(withAction(plan, 'logs:GetDataProtectionPolicy').length).toBeGreaterThan(0);
  expect(withAction(plan, 'logs:PutDataProtectionPolicy')).toEqual([]);
  expect(withAction(plan, 'logs:DeleteDataProtectionPolicy')).toEqual([]);

  const apply = await iamPolicy(dir, 'apply');
  for (const action of ['logs:PutDataProtectionPolicy', 'logs:DeleteDataProtectionPolicy']) {
    const found = withAction(apply, action);
    // Every statement that allows it is either tied to the stack's tag or names the protected log group only.
    expect(found.length).toBe(2);
    for (const s of found) {
      const resources = [s.Resource].flat();
      if (resources.includes('arn:aws:logs:us-east-1:123456789012:log-group:*'))
        expect(JSON.stringify(s.Condition)).toContain('"aws:ResourceTag/monitors:stack":"shop"');
      else
        expect(resources.sort()).toEqual([
          'arn:aws:logs:us-east-1:123456789012:log-group:/shop/app',
          'arn:aws:logs:us-east-1:123456789012:log-group:/shop/app:*',
        ]);
    }
  }
}, 30_000);

test('the mass-delete guard counts a policy’s delete', async () => {
  const account = freshAccount();
  fake = await startDataProtectionFake(account.endpoint);
  const policies = `dataProtectionPolicies:\n  - logGroup: /shop/app\n    identifiers: [EmailAddress]\n  - logGroup: /shop/audit\n    identifiers: [IpAddress]\n`;
  const dir = stackDir({ 'stack.yaml': stackYaml(policies) });
  const options = optionsFor(account, dir, { endpointUrl: fake.url });
  await reconcile(options);
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml(''));
  const guarded = await planStack({ ...options, maxDeleteShare: 0.25 });
  expect(planRefused(guarded.plan)).toBe(true);
  expect(refusalMessage(guarded.plan)).toMatch(/deletes 2 of 4 owned resources/);
  expect(fake.policies.size).toBe(2);
}, 60_000);
