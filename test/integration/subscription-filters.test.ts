/**
 * Subscription filters on the emulator: one made by hand is imported (`monitors import`), plans as
 * an adopt, applies and re-plans empty; then it is the stack's like any other (changed in place,
 * deleted when removed). A filter the files declare is made under the stack's name, and a Lambda
 * destination gets CloudWatch Logs' invoke permission before the filter is put.
 */
import {
  CreateLogGroupCommand,
  DescribeSubscriptionFiltersCommand,
  PutSubscriptionFilterCommand,
  type SubscriptionFilter,
} from '@aws-sdk/client-cloudwatch-logs';
import { CreateFunctionCommand, GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parse } from 'yaml';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { startRecordingProxy, type RecordingProxy } from '../harness/recording-proxy';
import { modelViolations } from '../kinds/logs-model';

const REGION = 'us-east-1';
const GROUP = '/shop/orders';
const dirs: string[] = [];
const proxies: RecordingProxy[] = [];
afterAll(async () => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
  for (const p of proxies) await p.stop();
});

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-subfilter-'));
  dirs.push(dir);
  return dir;
}

const envOf = (a: TestAccount) => ({ AWS_ACCESS_KEY_ID: a.accountId, AWS_SECRET_ACCESS_KEY: 'test' });

async function filtersIn(a: TestAccount, group = GROUP): Promise<SubscriptionFilter[]> {
  const out = await rawClients(a).logs.send(new DescribeSubscriptionFiltersCommand({ logGroupName: group }));
  return out.subscriptionFilters ?? [];
}

interface JsonPlan {
  changes: { action: string; kind: string; name: string; diffs?: { path: string }[] }[];
}

test('a subscription filter made by hand is imported, plans as an adopt, applies, re-plans empty, then changes and goes with the files', async () => {
  const account = freshAccount(REGION);
  const cli = (args: string[]) => runCliCaptured(args, { env: envOf(account) });
  const { logs } = rawClients(account);
  const stream = `arn:aws:kinesis:${REGION}:${account.accountId}:stream/orders`;
  const role = `arn:aws:iam::${account.accountId}:role/logs-to-kinesis`;
  await logs.send(new CreateLogGroupCommand({ logGroupName: GROUP }));
  await logs.send(
    new PutSubscriptionFilterCommand({
      logGroupName: GROUP,
      filterName: 'to kinesis (by hand)',
      filterPattern: '{ $.level = "ERROR" }',
      destinationArn: stream,
      roleArn: role,
      distribution: 'Random',
    }),
  );

  // Every CloudWatch Logs request of the runs below is checked against botocore's model at the end.
  const proxy = await startRecordingProxy(account.endpoint);
  proxies.push(proxy);
  const endpoint = proxy.endpoint;
  const out = path.join(scratch(), 'monitors');
  const imported = await cli([
    'import',
    '--out',
    out,
    '--stack',
    'shop',
    '--region',
    REGION,
    '--endpoint-url',
    endpoint,
    '--log-group-prefix',
    '/shop/',
  ]);
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const files = parse(readFileSync(path.join(out, 'shop-orders.yaml'), 'utf8')) as {
    subscriptionFilters: unknown[];
  };
  expect(files.subscriptionFilters).toEqual([
    {
      name: 'to-kinesis-by-hand',
      awsName: 'to kinesis (by hand)',
      logGroup: GROUP,
      pattern: '{ $.level = "ERROR" }',
      destination: { kinesis: stream },
      role,
      distribution: 'Random',
    },
  ]);

  const planArgs = ['plan', out, '--endpoint-url', endpoint, '--no-backtest', '--format', 'json'];
  const plan = await cli(planArgs);
  expect(plan.stderr).toBe('');
  const changes = (JSON.parse(plan.stdout) as JsonPlan).changes;
  expect(changes.map((c) => [c.action, c.kind, c.diffs ?? []])).toEqual(
    expect.arrayContaining([['adopt', 'subscriptionFilter', []]]),
  );
  expect(changes.filter((c) => c.action !== 'adopt')).toEqual([]);

  const applied = await cli(['reconcile', out, '--endpoint-url', endpoint, '--no-backtest', '--yes']);
  expect(applied.stderr).not.toMatch(/error/i);
  expect(applied.code).toBe(0);
  const again = await cli(['plan', out, '--endpoint-url', endpoint, '--no-backtest']);
  expect(again.stdout).toContain('No changes.');
  // Adopted in place: still one filter, under its own name.
  expect((await filtersIn(account)).map((f) => f.filterName)).toEqual(['to kinesis (by hand)']);

  // Now the stack's: a new pattern is put in place, and removing it from the files deletes it.
  const file = path.join(out, 'shop-orders.yaml');
  writeFileSync(file, readFileSync(file, 'utf8').replace('{ $.level = "ERROR" }', 'FATAL'));
  const changed = await cli(['reconcile', out, '--endpoint-url', endpoint, '--no-backtest', '--yes']);
  expect(changed.code).toBe(0);
  expect((await filtersIn(account)).map((f) => [f.filterName, f.filterPattern])).toEqual([
    ['to kinesis (by hand)', 'FATAL'],
  ]);
  const doc = parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  delete doc.subscriptionFilters;
  writeFileSync(file, JSON.stringify(doc));
  const removed = await cli(['reconcile', out, '--endpoint-url', endpoint, '--no-backtest', '--yes']);
  expect(removed.code).toBe(0);
  expect(await filtersIn(account)).toEqual([]);

  const logsRequests = proxy.requests().filter((r) => r.operation.includes('SubscriptionFilter'));
  expect(new Set(logsRequests.map((r) => r.operation.split('.').pop()))).toEqual(
    new Set(['DescribeSubscriptionFilters', 'PutSubscriptionFilter', 'DeleteSubscriptionFilter']),
  );
  for (const r of logsRequests)
    expect(modelViolations(r.operation.split('.').pop() ?? '', 'input', JSON.parse(r.body))).toEqual([]);
}, 120_000);

test('a declared filter to a Lambda is made under the stack name with the invoke permission, and re-plans empty', async () => {
  const account = freshAccount(REGION);
  const cli = (args: string[]) => runCliCaptured(args, { env: envOf(account) });
  const lambda = new LambdaClient({ region: REGION, endpoint: account.endpoint, credentials: account.credentials });
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'ship-logs',
      Runtime: 'nodejs20.x',
      Role: `arn:aws:iam::${account.accountId}:role/ship-logs`,
      Handler: 'index.handler',
      Code: { ZipFile: Buffer.from('UEsFBgAAAAAAAAAAAAAAAAAAAAAAAA==', 'base64') },
    }),
  );
  const dir = scratch();
  writeFileSync(
    path.join(dir, 'stack.yaml'),
    [
      'stack:\n  name: shop\n  region: us-east-1',
      `logGroups:\n  - name: ${GROUP}`,
      'subscriptionFilters:',
      '  - name: errors-to-lambda',
      `    logGroup: ${GROUP}`,
      '    pattern: ERROR',
      '    destination:',
      '      lambda: ship-logs',
      '',
    ].join('\n'),
  );
  const applied = await cli(['reconcile', dir, '--endpoint-url', account.endpoint, '--no-backtest', '--yes']);
  expect(applied.stderr).not.toMatch(/error/i);
  expect(applied.code).toBe(0);
  const [made] = await filtersIn(account);
  expect(made).toMatchObject({
    filterName: 'monitors.shop.errors-to-lambda',
    filterPattern: 'ERROR',
    destinationArn: `arn:aws:lambda:${REGION}:${account.accountId}:function:ship-logs`,
  });
  const policy = await lambda.send(new GetPolicyCommand({ FunctionName: 'ship-logs' }));
  const statements = (JSON.parse(policy.Policy ?? '{}') as { Statement: { Principal: unknown; Condition: unknown }[] })
    .Statement;
  expect(statements).toHaveLength(1);
  expect(JSON.stringify(statements[0])).toContain('logs.amazonaws.com');
  expect(JSON.stringify(statements[0])).toContain(`log-group:${GROUP}:*`);
  const again = await cli(['plan', dir, '--endpoint-url', account.endpoint, '--no-backtest']);
  expect(again.stdout).toContain('No changes.');
}, 120_000);
