/**
 * Where features meet, what is true today: backtest reads no `${env:}` value (an unset chat webhook does
 * not stop it); backtest and import with `stack.targets` are refused with a clear message before any AWS
 * call. (Saved plans with targets work: test/saved-plan/targets.test.ts; secrets × the offline commands:
 * test/cli/secrets-offline.test.ts; the forwarder × rule tests, counts, guards and dashboards:
 * test/forwarder/invisible.test.ts; import × the forwarder: test/integration/import-forwarder.test.ts.)
 */
import { freshAccount, type TestAccount } from '../harness/emulator';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

const envFor = (a: { credentials: TestAccount['credentials'] }) => ({
  AWS_ACCESS_KEY_ID: a.credentials.accessKeyId,
  AWS_SECRET_ACCESS_KEY: a.credentials.secretAccessKey,
});

const STACK = `stack:
  name: crossing
  region: us-east-1
topics:
  - name: crossing-alerts
    subscriptions:
      - slack: \${env:SLACK_WEBHOOK_URL}
alarms:
  - name: crossing-queue
    metric: { namespace: Crossing, name: Depth, stat: Sum, period: 1h }
    threshold: '> 5'
    notify: crossing-alerts
`;

const TARGETS = `stack:
  name: crossing
  targets:
    - name: prod
      account: '111111111111'
      regions: [us-east-1]
alarms:
  - name: crossing-queue
    metric: { namespace: Crossing, name: Depth, stat: Sum, period: 1h }
    threshold: '> 5'
`;

let counting: CountingEndpoint;
beforeAll(async () => {
  counting = await startCountingEndpoint();
});
afterAll(async () => {
  await counting.close();
  removeStackDirs();
});

test('secrets × backtest: an unset chat webhook does not stop the backtest', async () => {
  const account = freshAccount();
  const r = await runCliCaptured(
    ['backtest', stackDir({ 'stack.yaml': STACK }), '--since', '2h', '--endpoint-url', account.endpoint],
    { env: envFor(account), stdin: '' },
  );
  expect(r.stderr).not.toMatch(/UNRESOLVED_ENV.*error|error UNRESOLVED_ENV/);
  expect(r.code).toBe(0);
  expect(r.stdout).toContain('crossing-queue');
});

test('targets × backtest: refused with what to use instead, before any AWS call', async () => {
  const before = counting.requests();
  const r = await runCliCaptured(['backtest', stackDir({ 'stack.yaml': TARGETS }), '--endpoint-url', counting.url], {
    env: envFor(freshAccount()),
    stdin: '',
  });
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(
    'Error: this stack declares stack.targets (several accounts or regions), which this command does not handle yet: use monitors plan or reconcile\n',
  );
  expect(counting.requests()).toBe(before);
});

test('targets × import: import never writes over a stack (with targets or not), before any AWS call', async () => {
  const dir = stackDir({ 'stack.yaml': TARGETS });
  const before = counting.requests();
  const r = await runCliCaptured(
    ['import', '--all', '--out', dir, '--region', 'us-east-1', '--endpoint-url', counting.url],
    { env: envFor(freshAccount()) },
  );
  expect(r.code).toBe(1);
  expect(r.stderr).toMatch(/^Error: import writes nothing: .* already holds monitors files/);
  expect(counting.requests()).toBe(before);
});
