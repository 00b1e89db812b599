/**
 * Log anomaly detectors meeting the other features: a tag value from ${env:} (secrets) through a saved
 * plan (`plan --save`, `apply FILE`), its change, and a detector changed behind the tool's back between
 * plan and apply (stale). Through the CLI, against the stateful fake in front of the emulator; and the
 * fake itself refusing a request that breaks botocore's model, as AWS would.
 */
import { CloudWatchLogsClient, CreateLogAnomalyDetectorCommand } from '@aws-sdk/client-cloudwatch-logs';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { freshAccount } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';
import { startLogAnomalyFake, type LogAnomalyFake } from './log-anomaly-fake';

let fake: LogAnomalyFake | undefined;
afterEach(async () => {
  await fake?.close();
  fake = undefined;
});
afterAll(removeStackDirs);

const OLD = 'OldOwnerCANARY111';
const NEW = 'NewOwnerCANARY222';

function stackYaml(frequency: string): string {
  return `stack:
  name: shop
  region: us-east-1
logGroups:
  - name: /shop/app
logAnomalyDetectors:
  - name: app-anomalies
    logGroups: [/shop/app]
    evaluationFrequency: ${frequency}
    tags: { owner: '\${env:OWNER}' }
`;
}

test('a detector’s tag from ${env:} goes through plan --save and apply FILE and is never printed; a detector changed since the plan is refused as stale', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const dir = stackDir({ 'stack.yaml': stackYaml('5m') });
  const file = path.join(dir, '..', `${path.basename(dir)}.plan.json`);
  const outputs: string[] = [];
  const cli = async (argv: string[], owner: string) => {
    const run = await runCliCaptured([...argv, '--endpoint-url', fake?.url ?? ''], {
      env: { AWS_ACCESS_KEY_ID: account.accountId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1', OWNER: owner },
    });
    outputs.push(run.stdout, run.stderr);
    return run;
  };

  const planned = await cli(['plan', '--save', file, '--no-backtest', dir], OLD);
  expect(planned.code).toBe(0);
  expect(planned.stdout).toContain('app-anomalies');
  const applied = await cli(['apply', file], OLD);
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain('Applied the saved plan');
  const [made] = [...fake.detectors.values()];
  expect(made?.tags.owner).toBe(OLD);
  expect(made?.tags['monitors:stack']).toBe('shop');
  expect((await cli(['plan', '--detailed-exitcode', '--no-backtest', dir], OLD)).code).toBe(0);

  // A new secret value: an update, shown masked in text and JSON.
  const changed = await cli(['plan', '--no-backtest', '--format', 'json', dir], NEW);
  expect(changed.code).toBe(0);
  expect(changed.stdout).toContain('"logAnomalyDetector"');
  expect((await cli(['reconcile', '--yes', '--no-backtest', dir], NEW)).code).toBe(0);
  expect(made?.tags.owner).toBe(NEW);

  // Planned, then the detector is changed by hand before the saved plan is applied: refused, nothing sent.
  writeFileSync(path.join(dir, 'stack.yaml'), stackYaml('1h'));
  expect((await cli(['plan', '--save', file, '--no-backtest', dir], NEW)).code).toBe(0);
  if (made) made.evaluationFrequency = 'TEN_MIN';
  const writesBefore = fake.calls.filter((c) => !c.operation.startsWith('List')).length;
  const stale = await cli(['apply', file], NEW);
  expect(stale.code).toBe(1);
  expect(stale.stderr).toContain('is stale');
  expect(stale.stderr).toContain('log anomaly detector app-anomalies');
  expect(fake.calls.filter((c) => !c.operation.startsWith('List')).length).toBe(writesBefore);
  expect(made?.evaluationFrequency).toBe('TEN_MIN');

  // The secret is in no output and not in the saved plan.
  const all = [...outputs, readFileSync(file, 'utf8')].join('\n');
  expect(all).not.toContain('OldOwnerCANARY');
  expect(all).not.toContain('NewOwnerCANARY');
  expect(fake.violations).toEqual([]);
}, 90_000);

test('the fake refuses, as AWS would, a request that breaks the model, and records each broken rule', async () => {
  const account = freshAccount();
  fake = await startLogAnomalyFake(account.endpoint);
  const logs = new CloudWatchLogsClient({
    region: 'us-east-1',
    endpoint: fake.url,
    credentials: { accessKeyId: account.accountId, secretAccessKey: 'test' },
    maxAttempts: 1,
  });
  const bad = logs.send(
    new CreateLogAnomalyDetectorCommand({
      logGroupArnList: ['arn:aws:logs:us-east-1:123456789012:log-group:/shop/app'],
      detectorName: '',
      evaluationFrequency: 'TWO_MIN' as never,
      anomalyVisibilityTime: 5,
    }),
  );
  await expect(bad).rejects.toMatchObject({ name: 'InvalidParameterException' });
  expect(fake.violations.map((v) => `${v.path} ${v.rule}`)).toEqual([
    '.detectorName length at least 1, got 0',
    '.evaluationFrequency one of ONE_MIN, FIVE_MIN, TEN_MIN, FIFTEEN_MIN, THIRTY_MIN, ONE_HOUR; got "TWO_MIN"',
    '.anomalyVisibilityTime at least 7, got 5',
  ]);
  expect(fake.detectors.size).toBe(0);
  logs.destroy();
});
