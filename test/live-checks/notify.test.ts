/** The forecast of who an apply notifies, from a backtest report built by hand. */
import type { BacktestEntry, BacktestReport } from '../../src/backtest';
import { DEFAULT_LIMITS } from '../../src/backtest';
import { forecastLine, forecastNotifications } from '../../src/live-checks/notify';
import type { Change } from '../../src/model';
import { alarmSpec, planOf } from '../render/fixtures';

const region = 'us-east-1';
const topic = (name: string) => `arn:aws:sns:us-east-1:123456789012:${name}`;
const outcome = (endState: 'OK' | 'ALARM' | 'INSUFFICIENT_DATA') => ({
  comparison: 'GreaterThanThreshold',
  datapointsToAlarm: 1,
  evaluationPeriods: 1,
  treatMissingData: 'missing',
  fired: 0,
  msInAlarm: 0,
  endState,
  missingPeriods: 0,
});
const done = (alarm: string, change: 'create' | 'update', next: string, current?: string): BacktestEntry => ({
  status: 'done',
  alarm,
  change,
  source: 'metric',
  period: 60,
  statistic: 'Average',
  from: 0,
  to: 1,
  series: [],
  next: outcome(next as 'OK'),
  ...(current ? { current: outcome(current as 'OK') } : {}),
  notes: [],
});
const report = (entries: BacktestEntry[]): BacktestReport => ({
  since: '14d',
  sinceSeconds: 1_209_600,
  entries,
  cost: { metricsRequested: 0, getMetricDataCalls: 0, filterLogEventsCalls: 0, logEventsRead: 0, logBytesRead: 0 },
  limits: DEFAULT_LIMITS,
});
const create = (name: string, overrides = {}): Change => ({
  action: 'create',
  key: { kind: 'metricAlarm', region, name },
  after: alarmSpec({ name, alarmActions: [topic('shop-alerts')], okActions: [topic('ops')], ...overrides }),
});
const update = (name: string): Change => ({
  action: 'update',
  key: { kind: 'metricAlarm', region, name },
  before: alarmSpec({ name }),
  after: alarmSpec({ name, alarmActions: [topic('shop-alerts')] }),
  diffs: [],
  seen: '',
});

test('new alarms going to ALARM and to OK notify their actions for that state; a changed alarm that stays quiet, no one', () => {
  const plan = planOf([create('a'), create('b'), create('c'), update('d')]);
  const f = forecastNotifications(
    plan,
    report([
      done('a', 'create', 'ALARM'),
      done('b', 'create', 'ALARM'),
      done('c', 'create', 'OK'),
      done('d', 'update', 'OK', 'OK'),
    ]),
  );
  expect(f.changes.map((c) => `${c.subject} ${c.from}→${c.to} ${c.notifies.join(',')}`)).toEqual([
    'metric alarm a INSUFFICIENT_DATA→ALARM shop-alerts',
    'metric alarm b INSUFFICIENT_DATA→ALARM shop-alerts',
    'metric alarm c INSUFFICIENT_DATA→OK ops',
  ]);
  expect(forecastLine(f)).toBe('this apply will notify shop-alerts about 2 alarms, ops about 1 alarm');
});

test('disabled actions, an alarm the backtest skipped, a secret action', () => {
  const secret: Change = { ...create('s'), sensitive: ['alarmActions'] };
  const plan = planOf([create('off', { actionsEnabled: false }), create('skipped'), secret]);
  const f = forecastNotifications(
    plan,
    report([
      done('off', 'create', 'ALARM'),
      { status: 'skipped', alarm: 'skipped', change: 'create', reason: 'no threshold' },
      done('s', 'create', 'ALARM'),
    ]),
  );
  expect(f.unknown).toBe(1);
  expect(f.changes.find((c) => c.subject === 'metric alarm off')?.notifies).toEqual([]);
  expect(forecastLine(f)).toBe('this apply will notify (a secret action) about 1 alarm');
  expect(JSON.stringify(f)).not.toContain('shop-alerts');
});
