/** The backtest's renderers: downsampling, the sparkline, hostile names, trimming, and the JSON series. */
import { backtestJson, renderBacktestMarkdown, renderBacktestText } from '../../src/backtest';
import { downsample, sparkline } from '../../src/backtest/series';
import type { BacktestEntry, BacktestReport } from '../../src/backtest/types';
import { DEFAULT_LIMITS } from '../../src/backtest/types';

const P = 300;
const FROM = Date.UTC(2026, 10, 1);

function entry(
  name: string,
  values: (number | null)[],
  extra: Partial<Extract<BacktestEntry, { status: 'done' }>> = {},
): BacktestEntry {
  const outcome = {
    threshold: 80,
    comparison: 'GreaterThanThreshold',
    datapointsToAlarm: 1,
    evaluationPeriods: 1,
    treatMissingData: 'missing',
    fired: 3,
    msInAlarm: 15 * 60_000,
    lastFired: FROM + 3_600_000,
    endState: 'OK' as const,
    missingPeriods: values.filter((v) => v === null).length,
  };
  return {
    status: 'done',
    alarm: name,
    change: 'update',
    source: 'metric',
    period: P,
    statistic: 'Maximum',
    from: FROM,
    to: FROM + values.length * P * 1000,
    series: values.map((value, i) => ({ start: FROM + i * P * 1000, value })),
    next: outcome,
    current: { ...outcome, threshold: 50, fired: 11 },
    notes: [],
    ...extra,
  };
}

function report(entries: BacktestEntry[]): BacktestReport {
  return {
    since: '14d',
    sinceSeconds: 14 * 86400,
    entries,
    limits: DEFAULT_LIMITS,
    cost: { metricsRequested: 1, getMetricDataCalls: 1, filterLogEventsCalls: 0, logEventsRead: 0, logBytesRead: 0 },
  };
}

test('downsampling keeps the value that decides: the maximum for ">" alarms, the minimum for "<" ones', () => {
  const series = [1, 9, 2, null, null, null, 3, 4].map((value, i) => ({ start: i, value }));
  expect(downsample(series, 3, 'GreaterThanThreshold')).toEqual({ values: [9, null, 4], perBucket: 3, how: 'max' });
  expect(downsample(series, 3, 'LessThanThreshold').values).toEqual([1, null, 3]);
  expect(downsample(series, 10, 'GreaterThanThreshold').perBucket).toBe(1);
});

test('the sparkline spans the lowest to the highest value, and marks empty buckets', () => {
  expect(sparkline([0, 7, null, 3.5])).toBe('▁█·▅');
});

test('a hostile alarm name cannot break out of the Mermaid block or the markdown', () => {
  const md = renderBacktestMarkdown(report([entry('x"\n```\n<img src=x onerror=alert(1)>', [1, 2, 90])]));
  const title = /^ {2}title "(.*)"$/m.exec(md)?.[1] ?? '';
  expect(title).not.toMatch(/["`<>\n]/);
  expect(md.match(/^```/gm)).toHaveLength(2);
  expect(md).not.toMatch(/(^|[^\\])<img/m);
  expect(renderBacktestText(report([entry('a\u001b[31mred', [1])]))).not.toContain('\u001b');
});

test('the text plan prints the verdict, a sparkline and both definitions', () => {
  const text = renderBacktestText(report([entry('api', [1, 2, 90, null])]));
  expect(text).toContain('  api: would have fired 3 times in 20m; currently fires 11 times');
  expect(text).toContain('    ▁▁█·  Maximum per 5m; 1 of 4 periods missing, treated as missing');
  expect(text).toContain(
    '    new > 80, 1 of 1: 3 times to ALARM, 15m in ALARM, last fired 2026-11-01 01:00 UTC, ends OK',
  );
  expect(text).toContain('    current > 50, 1 of 1: 11 times to ALARM');
});

test('the markdown section stays within its length with hundreds of alarms, every verdict kept while it fits', () => {
  const many = Array.from({ length: 300 }, (_, i) =>
    entry(
      `alarm-${i}`,
      Array.from({ length: 4032 }, (_, k) => k % 97),
    ),
  );
  const md = renderBacktestMarkdown(report(many), 24_000);
  expect(md.length).toBeLessThanOrEqual(24_000);
  const charts = md.match(/```mermaid/g)?.length ?? 0;
  expect(charts).toBeGreaterThan(0);
  const left = Number(/(\d+) more alarm\(s\) left out/.exec(md)?.[1]);
  const lines = md.match(/\*\*`alarm-\d+`\*\*/g)?.length ?? 0;
  expect(lines + left).toBe(300);
});

test('JSON carries every period of the series, null where a period had no datapoint', () => {
  const doc = backtestJson(report([entry('api', [1, null, 3])])) as {
    alarms: { series: unknown; next: { lastFired: string } }[];
  };
  expect(doc.alarms[0]?.series).toEqual([1, null, 3]);
  expect(doc.alarms[0]?.next.lastFired).toBe('2026-11-01T01:00:00.000Z');
});

test('a period under a minute prints in seconds: a 10-second period is "Sum per 10s", not "per 0m"', () => {
  const values = [1, 2, 3];
  const text = renderBacktestText(
    report([
      entry('fast', values, {
        period: 10,
        statistic: 'Sum',
        to: FROM + values.length * 10_000,
        series: values.map((value, i) => ({ start: FROM + i * 10_000, value })),
      }),
    ]),
  );
  expect(text).toContain('Sum per 10s');
  expect(text).toContain('in 30s;');
  expect(text).not.toContain('per 0m');
});
