/**
 * Import × the chat forwarder, on the emulator: a stack applied with a `slack:` line, imported back
 * with --all, gives the `slack:` line as a `${env:}` reference (listed in .env.example), nothing of the
 * forwarder, and plans "No changes." once the variable is set. An import whose files would delete what
 * the stack already owns writes nothing and says what and why, on real lines.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { CreateLogGroupCommand } from '@aws-sdk/client-cloudwatch-logs';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { startWebhook, type Webhook } from '../forwarder/loopback';
import { optionsFor, reconcile, removeStackDirs, stackDir } from './stack-dir';

const STACK = `stack:
  name: shop
  region: us-east-1
topics:
  - name: shop-alerts
    subscriptions:
      - email: ops@example.com
      - slack: \${env:SLACK_WEBHOOK_URL}
        mentions: [here]
logGroups:
  - name: /shop/api
    retention: 14d
monitors:
  - name: api-errors
    logGroup: /shop/api
    pattern: '%ERROR%'
    metric: Shop/ApiErrors
    alarm: '>= 1 in 1m'
    notify: shop-alerts
`;

let hook: Webhook;
const dirs: string[] = [];
beforeAll(async () => {
  hook = await startWebhook(() => ({ status: 200, body: 'ok' }), '/services/T0/B0/slack-secret-token');
});
afterAll(async () => {
  await hook.close();
  removeStackDirs();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-import-fwd-'));
  dirs.push(dir);
  return path.join(dir, 'out');
}

const awsEnv = (a: TestAccount) => ({
  AWS_ACCESS_KEY_ID: a.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: a.credentials.secretAccessKey,
});

async function applied(): Promise<TestAccount> {
  const account = freshAccount();
  await reconcile(optionsFor(account, stackDir({ 'stack.yaml': STACK }), { env: { SLACK_WEBHOOK_URL: hook.url } }));
  return account;
}

test('a stack with Slack, imported with --all, plans "No changes." once its variable is set', async () => {
  const account = await applied();
  const out = scratch();
  const common = ['--endpoint-url', account.endpoint, '--region', account.region];
  const imported = await runCliCaptured(['import', '--all', '--stack', 'shop', '--out', out, ...common], {
    env: awsEnv(account),
  });
  expect(imported.stderr).toBe('');
  expect(imported.code).toBe(0);
  const files = readdirSync(out).sort();
  expect(files).toEqual(['.env.example', 'shop-api.yaml', 'stack.yaml', 'topics.yaml']);
  const topics = readFileSync(path.join(out, 'topics.yaml'), 'utf8');
  expect(topics).toContain(
    '      - slack: ${env:SHOP_ALERTS_SLACK_WEBHOOK_URL}\n        mentions:\n          - here\n',
  );
  const all = files.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n');
  expect(all).not.toMatch(/lambda:|aws\/lambda|monitors-shop-chat/);
  expect(all + imported.stdout).not.toContain('slack-secret-token');
  expect(readFileSync(path.join(out, '.env.example'), 'utf8')).toMatch(/^SHOP_ALERTS_SLACK_WEBHOOK_URL=$/m);
  expect(imported.stdout).toContain('changes no field');

  const plan = await runCliCaptured(['plan', out, ...common], {
    env: { ...awsEnv(account), SHOP_ALERTS_SLACK_WEBHOOK_URL: hook.url },
  });
  expect(plan.stderr).toBe('');
  expect(plan.stdout).toContain('No changes.');
  expect(plan.code).toBe(0);
});

test('an import whose first plan would delete what the stack owns writes nothing and names each, on its own line', async () => {
  const account = await applied();
  const out = scratch();
  const r = await runCliCaptured(
    ['import', '--topic', 'shop-alerts', '--stack', 'shop', '--out', out, '--endpoint-url', account.endpoint],
    { env: { ...awsEnv(account), AWS_REGION: account.region } },
  );
  expect(r.code).toBe(1);
  expect(existsSync(out)).toBe(false);
  expect(r.stderr).not.toContain('\\u000a');
  const lines = r.stderr.trimEnd().split('\n');
  expect(lines[0]).toBe(
    'Error: nothing was written: the stack "shop" already owns resources these files leave out, so their first plan would delete them:',
  );
  expect(lines.slice(1, -1).sort()).toEqual([
    '  log group /shop/api',
    '  metric alarm api-errors',
    '  metric filter /shop/api → monitors.shop.api-errors',
  ]);
  expect(lines.at(-1)).toBe('Select them too (e.g. --all), or import into another --stack name');
});

test('"nothing importable" lists what was left out on real lines', async () => {
  const account = freshAccount();
  await rawClients(account).logs.send(
    new CreateLogGroupCommand({ logGroupName: '/theirs/app', tags: { 'monitors:stack': 'theirs' } }),
  );
  const r = await runCliCaptured(
    ['import', '--all', '--stack', 'mine', '--out', scratch(), '--endpoint-url', account.endpoint],
    { env: { ...awsEnv(account), AWS_REGION: account.region } },
  );
  expect(r.code).toBe(1);
  expect(r.stderr).not.toContain('\\u000a');
  expect(r.stderr.split('\n').slice(0, 2)).toEqual([
    `Error: the selection matched nothing importable in ${account.region}; nothing was written. Left out:`,
    '  log group /theirs/app: it is owned by the monitors stack "theirs": import it there, or remove it from that stack first',
  ]);
});
