/**
 * The simulator's metric math and the SLO scenarios of `monitors test`: the compiled alarms evaluated
 * over sliding windows, and burn: tests that fail when the alerts do not do what they say.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { evaluateMath, parseMath, simulateMathAlarm } from '../../src/simulate';
import { runRuleTests } from '../../src/rule-tests/run';
import { OWNER_TAG } from '../../src/model';
import type { MetricAlarmSpec } from '../../src/kinds/specs';

test('metric math: precedence, parentheses, unary minus, FILL, and missing or divided-by-zero values', () => {
  const v = new Map<string, number | undefined>([
    ['a', 6],
    ['b', 3],
    ['z', 0],
  ]);
  expect(evaluateMath(parseMath('a + b * 2'), v)).toBe(12);
  expect(evaluateMath(parseMath('(a + b) * 2'), v)).toBe(18);
  expect(evaluateMath(parseMath('-a / b'), v)).toBe(-2);
  expect(evaluateMath(parseMath('a / z'), v)).toBeUndefined();
  expect(evaluateMath(parseMath('missing + 1'), v)).toBeUndefined();
  expect(evaluateMath(parseMath('FILL(missing, 0) / a'), v)).toBe(0);
  expect(() => parseMath('RATE(a)')).toThrow(/FILL and arithmetic, not RATE\(\)/);
  expect(() => parseMath('a +')).toThrow(/ends too soon/);
  expect(() => parseMath('a $ b')).toThrow(/character 3/);
});

const START = Date.parse('2024-01-01T00:00:00Z');
const metric = (metricName: string, period: number) => ({
  namespace: 'Shop',
  metricName,
  dimensions: {},
  period,
  stat: 'Sum',
});
const ratioAlarm = (period: number, evaluationPeriods: number): MetricAlarmSpec => ({
  kind: 'metricAlarm',
  name: 'ratio',
  actionsEnabled: true,
  alarmActions: ['arn:aws:sns:us-east-1:1:oncall'],
  okActions: [],
  insufficientDataActions: [],
  metrics: [
    { id: 'bad', metricStat: metric('Errors', period), returnData: false },
    { id: 'total', metricStat: metric('Requests', period), returnData: false },
    { id: 'rate', expression: 'FILL(bad, 0) / total', returnData: true },
  ],
  threshold: 0.01,
  comparisonOperator: 'GreaterThanOrEqualToThreshold',
  evaluationPeriods,
  datapointsToAlarm: evaluationPeriods,
  treatMissingData: 'notBreaching',
  tags: { [OWNER_TAG]: 'shop' },
});
const point = (metricName: string, minute: number, value: number) => ({
  namespace: 'Shop',
  metricName,
  dimensions: {},
  timestamp: START + minute * 60_000,
  value,
});

test('a ratio over a 1h period is evaluated every minute over the last hour (sliding), not once an hour', () => {
  // 100 requests a minute; 5 errors a minute from minute 10 to 19: the hour's ratio reaches 1% at minute 19
  // (50 errors / 2000 requests = 2.5% by then; 1% once 10 errors / 1100 requests at minute 11 ... exactly:
  // after minute 10 ends: 5 / 1100 = 0.45%; after minute 12: 15 / 1300 = 1.15%).
  const points = [];
  for (let m = 0; m < 120; m++) {
    points.push(point('Requests', m, 100));
    if (m >= 10 && m < 20) points.push(point('Errors', m, 5));
  }
  const t = simulateMathAlarm(ratioAlarm(3600, 1), points, { from: START, to: START + 120 * 60_000 });
  const alarmAt = t.transitions.find((x) => x.to === 'ALARM')?.at;
  expect((alarmAt ?? 0) - START).toBe(13 * 60_000);
  expect(t.transitions.find((x) => x.to === 'ALARM')?.actions).toEqual(['arn:aws:sns:us-east-1:1:oncall']);
  // Back under 1% once the window's 50 errors are over 5000 requests' worth: 50 / 5100 at minute 51.
  const ok = t.transitions.filter((x) => x.to === 'OK').map((x) => (x.at - START) / 60_000);
  expect(ok).toEqual([1, 51]);
});

test('a window of three 1-day slices alarms only when every slice breaches; missing slices per its setting', () => {
  const day = 1440;
  const points = [];
  // One day at 10% errors, then two clean days: at most two of the three sliding slices ever hold errors.
  for (let m = 0; m < 3 * day; m++) {
    points.push(point('Requests', m, 10));
    if (m < day) points.push(point('Errors', m, 1));
  }
  const window = { from: START, to: START + 3 * day * 60_000 };
  const strict = simulateMathAlarm(ratioAlarm(86400, 3), points, window);
  expect(strict.transitions.map((x) => x.to)).toEqual(['OK']);
  // With missing slices counted as breaching, the first minute's slice alone (the older two are empty) alarms.
  const lenient = simulateMathAlarm({ ...ratioAlarm(86400, 3), treatMissingData: 'breaching' }, points, window);
  expect(lenient.transitions.map((x) => [x.to, (x.at - START) / 60_000])[0]).toEqual(['ALARM', 1]);
});

const made: string[] = [];
afterAll(() => made.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The example stack with only this SLO test file. */
async function runSloTests(tests: string) {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-slo-'));
  made.push(dir);
  cpSync(path.join(__dirname, '..', '..', 'monitors'), dir, { recursive: true });
  rmSync(path.join(dir, 'tests', 'teachme-errors.yaml'));
  writeFileSync(path.join(dir, 'tests', 'teachme-slo.yaml'), tests);
  return runRuleTests(dir);
}

test('burn scenarios fail when the alert does not do what they say, with when it fired', async () => {
  const report = await runSloTests(
    'tests:\n' +
      '  - name: a 0.5x burn pages (wrong)\n    burn: { slo: teachme-availability, factor: 0.5, for: 1h }\n    expect:\n      slo: { pages: within 30m }\n' +
      '  - name: a 6x burn never pages (wrong)\n    burn: { slo: teachme-availability, factor: 6, for: 1h }\n    expect:\n      slo: { pages: never }\n' +
      '  - name: a 14.4x burn pages within 1m (wrong by a minute)\n    burn: { slo: teachme-availability, factor: 14.4, for: 10m }\n    expect:\n      slo: { pages: within 0m }\n',
  );
  expect(report.results.map((r) => r.failures.map((f) => [f.subject, f.expected, f.got]))).toEqual([
    // The test ends an hour after the burn, plus the example's slowest single-metric alarm range (CPU, 4 × 5m).
    [['pages (teachme-availability-page)', ['by +30m'], ['did not fire until +2h20m']]],
    [['pages (teachme-availability-page)', ['never'], ['fired at +1m']]],
    [['pages (teachme-availability-page)', ['by +0s'], ['fired at +1m']]],
  ]);
});

test('a 6x burn pages through the 6h/30m pair and a 2x burn for a day tickets without paging', async () => {
  const report = await runSloTests(
    'tests:\n' +
      '  - name: 6x pages\n    burn: { slo: teachme-availability, factor: 6, for: 1h }\n    expect:\n      slo: { pages: within 1m, tickets: within 1m }\n' +
      '  - name: 2x for a day tickets\n    burn: { slo: teachme-availability, factor: 2, for: 1d, requestsPerMinute: 500 }\n    expect:\n      slo: { tickets: within 1m, pages: never }\n',
  );
  expect(report.results.map((r) => r.failures)).toEqual([[], []]);
});

test('a burn naming an unknown SLO is a mistake at its line, with a did-you-mean', async () => {
  await expect(
    runSloTests(
      'tests:\n  - name: typo\n    burn: { slo: teachme-availabilty, factor: 1, for: 1h }\n    expect:\n      slo: { pages: never }\n',
    ),
  ).rejects.toMatchObject({
    diagnostics: [
      expect.objectContaining({
        message: 'no SLO is named "teachme-availabilty"; did you mean "teachme-availability"?',
        location: expect.objectContaining({ line: 3, column: 11 }),
      }),
    ],
  });
});
