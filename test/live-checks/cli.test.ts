/**
 * The live checks and --settle through the CLI on the emulator: the plan's text carries the findings
 * and the cost line, --no-live-checks drops the findings, a saved plan is the same with or without
 * the checks, and --settle on an emulator without mute rules applies and says it could not mute.
 */
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import { parseCliArgs, type CliOptions } from '../../src/cli/args';
import { MonitorsError } from '../../src/model';
import { freshAccount, rawClients } from '../harness/emulator';
import { runCliCaptured } from '../harness/run-cli';
import { removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const account = freshAccount();
const env = { AWS_ACCESS_KEY_ID: account.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
const cli = (...argv: string[]) => runCliCaptured([...argv, '--endpoint-url', account.endpoint], { env });

const files = (dims: string) => ({
  'stack.yaml': 'stack:\n  name: lccli\n  region: us-east-1\n',
  'alarms.yaml': `alarms:
  - name: lccli-latency
    metric: { namespace: Shop, name: Latency, stat: Average, period: 5m, dimensions: { ${dims} } }
    threshold: '> 500'
`,
});

beforeAll(async () => {
  await rawClients(account).cloudwatch.send(
    new PutMetricDataCommand({
      Namespace: 'Shop',
      MetricData: [
        {
          MetricName: 'Latency',
          Dimensions: [{ Name: 'InstanceId', Value: 'i-123' }],
          Timestamp: new Date(Date.now() - 600_000),
          Value: 120,
        },
      ],
    }),
  );
});

test('plan: NO_SUCH_SERIES at the alarm and +$0.10/month; --no-live-checks keeps only the cost', async () => {
  const dir = stackDir(files('InstanceID: i-123'));
  const run = await cli('plan', dir, '--no-backtest', '--stats');
  expect(run.code).toBe(0);
  expect(run.stdout).toMatch(/warning .*alarms\.yaml:2:\d+ metric alarm lccli-latency: NO_SUCH_SERIES/);
  expect(run.stdout).toContain('Cost: +$0.10/month; stack $0.10/month');
  // --stats counts the checks' calls with the plan's.
  expect(run.stderr).toContain('CloudWatch.ListMetrics: 1');
  const quiet = await cli('plan', dir, '--no-backtest', '--no-live-checks');
  expect(quiet.stdout).not.toContain('NO_SUCH_SERIES');
  expect(quiet.stdout).toContain('Cost: +$0.10/month; stack $0.10/month');
});

test('plan --save with the checks, then apply FILE: the checks change neither the plan nor its fingerprint', async () => {
  const dir = stackDir(files('InstanceID: i-123'));
  const fingerprint = async (...flags: string[]) =>
    (
      JSON.parse((await cli('plan', dir, '--no-backtest', '--format', 'json', ...flags)).stdout) as {
        liveFingerprint: string;
      }
    ).liveFingerprint;
  expect(await fingerprint()).toBe(await fingerprint('--no-live-checks'));
  const file = path.join(dir, '..', `${path.basename(dir)}.plan`);
  const saved = await cli('plan', dir, '--no-backtest', '--save', file);
  expect(saved.stdout).toContain('NO_SUCH_SERIES');
  const applied = await cli('apply', file);
  expect(applied.stderr).not.toContain('Error');
  expect(applied.code).toBe(0);
  expect(applied.stdout).toContain('Applied the saved plan');
});

test('reconcile --settle on an endpoint without mute rules: a new alarm is applied and said unmuted; a changed one is not applied', async () => {
  const other = freshAccount();
  const envOf = { AWS_ACCESS_KEY_ID: other.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test', NO_COLOR: '1' };
  const run = (...argv: string[]) => runCliCaptured([...argv, '--endpoint-url', other.endpoint], { env: envOf });
  const dir = stackDir(files('InstanceId: i-123'));
  const first = await run('reconcile', dir, '--yes', '--no-backtest', '--settle', '5m');
  expect(first.code).toBe(0);
  expect(first.stdout).toMatch(/Settle: the new alarms could not be muted after the apply \(.+\); the apply stands\./);
  expect((await run('plan', dir, '--no-backtest')).stdout).toContain('No changes.');
  // The changed alarm exists: it cannot be muted before the apply, so nothing is applied.
  const alarms = path.join(dir, 'alarms.yaml');
  writeFileSync(alarms, readFileSync(alarms, 'utf8').replace("'> 500'", "'> 600'"));
  const second = await run('reconcile', dir, '--yes', '--no-backtest', '--settle', '5m');
  expect(second.code).toBe(1);
  expect(second.stderr).toMatch(/SETTLE_FAILED|could not mute the changed alarms .*nothing was applied/);
  expect((await run('plan', dir, '--no-backtest')).stdout).toContain('threshold: 500 → 600');
});

test('--settle takes 1m to 15d, on reconcile and apply only', () => {
  const parse = (...argv: string[]) => parseCliArgs(argv) as CliOptions;
  expect(parse('reconcile', '--settle', '10m')).toMatchObject({ settleSeconds: 600 });
  expect(parse('apply', 'p.plan', '--settle', '1h')).toMatchObject({ settleSeconds: 3600 });
  expect(() => parse('reconcile', '--settle', '30s')).toThrow(
    new MonitorsError('USAGE', `--settle "30s" must be between 1m and 15d (a mute rule's window), e.g. 10m`),
  );
  expect(() => parse('reconcile', '--settle', '16d')).toThrow(/between 1m and 15d/);
  expect(() => parse('plan', '--settle', '10m')).toThrow(MonitorsError);
});
