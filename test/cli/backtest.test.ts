/**
 * `monitors backtest` and the plan's backtest section through the real CLI entry (runCli) against the
 * emulator; bad flags are refused before any AWS call (the endpoint then points at nothing listening).
 */
import { runCliCaptured } from '../harness/run-cli';
import { PutMetricDataCommand } from '@aws-sdk/client-cloudwatch';
import { freshAccount, rawClients, type TestAccount } from '../harness/emulator';
import { optionsFor, reconcile, removeStackDirs, stackDir } from '../integration/stack-dir';

afterAll(removeStackDirs);

const cli = (argv: string[], env: NodeJS.ProcessEnv = {}) => runCliCaptured(argv, { env, stdin: '' });

const envFor = (a: TestAccount) => ({ AWS_ACCESS_KEY_ID: a.credentials.accessKeyId, AWS_SECRET_ACCESS_KEY: 'test' });
const files = (threshold: string) => ({
  'stack.yaml': 'stack:\n  name: btcli\n  region: us-east-1\n',
  'alarms.yaml': `alarms:\n  - name: btcli-queue\n    metric: { namespace: BTCLI, name: Depth, stat: Sum, period: 1h }\n    threshold: '${threshold}'\n`,
});

describe('against the emulator', () => {
  const account = freshAccount();
  const HOUR = 3_600_000;
  const NOW = Math.ceil(Date.now() / HOUR) * HOUR;

  beforeAll(async () => {
    // One datapoint per hour for the last 48 hours: 10 in every sixth hour, 1 otherwise.
    const data = Array.from({ length: 48 }, (_, h) => ({
      MetricName: 'Depth',
      Timestamp: new Date(NOW - (48 - h) * HOUR + 60_000),
      Value: h % 6 === 0 ? 10 : 1,
    }));
    await rawClients(account).cloudwatch.send(new PutMetricDataCommand({ Namespace: 'BTCLI', MetricData: data }));
  });

  test('monitors backtest --since 2d --format json: the declared alarm, both definitions, the series', async () => {
    const dir = stackDir(files('> 5'));
    await reconcile(optionsFor(account, dir));
    const r = await cli(
      [
        'backtest',
        dir,
        '--since',
        '2d',
        '--format',
        'json',
        '--endpoint-url',
        account.endpoint,
        '--region',
        'us-east-1',
      ],
      envFor(account),
    );
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout) as { backtest: { alarms: Record<string, unknown>[]; cost: unknown } };
    const [a] = doc.backtest.alarms;
    // The window is the 48 whole hours before now: it starts an hour before the data (one missing
    // period) and holds hours 0-46 of it. Hours 0, 6, ..., 42 are at 10 (> 5), each alone between 1s:
    // 8 transitions, 8 hours in ALARM.
    expect(a).toMatchObject({ alarm: 'btcli-queue', change: 'noop', status: 'done', verdict: 'fired 8 times in 2d' });
    expect(a?.next).toMatchObject({ fired: 8, msInAlarm: 8 * HOUR, missingPeriods: 1 });
    expect((a?.series as number[]).filter((v) => v === 10)).toHaveLength(8);
    expect(doc.backtest.cost).toMatchObject({ metricsRequested: 1, getMetricDataCalls: 1 });
  });

  test('monitors plan prints the verdict of a changed threshold; --no-backtest leaves it out', async () => {
    const dir = stackDir(files('> 5'));
    await reconcile(optionsFor(account, dir));
    const changed = stackDir(files('> 20'));
    const args = ['plan', changed, '--endpoint-url', account.endpoint, '--region', 'us-east-1'];
    const r = await cli(args, envFor(account));
    expect(r.code).toBe(0);
    // The plan's default window is 14 days; the emulator holds the 48 hours put above.
    expect(r.stdout).toContain('  btcli-queue: would have fired 0 times in 14d; currently fires 8 times');
    const off = await cli([...args, '--no-backtest'], envFor(account));
    expect(off.stdout).not.toContain('Backtest');
  });
});

test.each([
  [['--since', '2w'], '--since must be a number of minutes, hours or days (90m, 36h, 14d), got "2w"'],
  [['--max-metrics', 'lots'], '--max-metrics "lots" is not valid: expected a whole number'],
  [['--format', 'html'], '--format "html" is not valid: expected one of text, markdown, json'],
])('backtest %j is refused before any AWS call', async (flags, message) => {
  const r = await cli(['backtest', 'monitors', ...flags, '--endpoint-url', 'http://127.0.0.1:9']);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe(`Error: ${message}\n`);
});
