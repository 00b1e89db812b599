/**
 * Statistics, each from "CloudWatch statistics definitions"
 * (https://docs.aws.amazon.com/AmazonCloudWatch/latest/monitoring/Statistics-definitions.html) or a stated
 * reading where the page gives no number.
 */
import { computeStatistic, parseStatistic } from '../../src/simulate';
import { lowSampleCount } from '../../src/simulate/statistics';

const range = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, i) => from + i);
const stat = (name: string, values: number[]) => {
  const s = parseStatistic(name);
  if (!s) throw new Error(`unknown statistic ${name}`);
  return computeStatistic(s, values);
};

test('SampleCount, Sum, Average (Sum/SampleCount), Minimum, Maximum', () => {
  const v = [4, 1, 3, 2];
  expect([stat('SampleCount', v), stat('Sum', v), stat('Average', v), stat('Minimum', v), stat('Maximum', v)]).toEqual([
    4, 10, 2.5, 1, 4,
  ]);
});

test('a period without values has no statistic (a missing datapoint)', () => {
  expect(stat('Sum', [])).toBeUndefined();
  expect(stat('p99', [])).toBeUndefined();
});

test('p95: 95 percent of the data is at or below it (nearest rank, our reading)', () => {
  expect(stat('p95', range(1, 100))).toBe(95);
  expect(stat('p50', [1, 2, 3, 4])).toBe(2);
  expect(stat('p99.9', range(1, 1000))).toBe(999);
  expect(stat('p100', [3, 9, 1])).toBe(9);
});

test('tm90 is the mean after removing the highest 10% of datapoints', () => {
  expect(stat('tm90', range(1, 10))).toBe(5);
});

test('TM(2%:98%) removes the lowest 2% and the highest 2%', () => {
  expect(stat('TM(2%:98%)', range(1, 100))).toBe(50.5);
});

test('TM(150:1000) removes values lower than or equal to 150, or higher than 1000', () => {
  expect(stat('TM(150:1000)', [100, 150, 200, 1000, 1001])).toBe(600);
});

test('IQM is TM(25%:75%)', () => {
  expect(stat('IQM', range(1, 8))).toBe(4.5);
  expect(stat('IQM', range(1, 8))).toBe(stat('TM(25%:75%)', range(1, 8)));
});

test('wm98 treats the highest 2% as equal to the 98th percentile value', () => {
  expect(stat('wm98', range(1, 100))).toBeCloseTo((range(1, 98).reduce((a, b) => a + b) + 98 + 98) / 100, 12);
});

test('WM(10%:90%) treats the highest 10% as the 90% boundary value and the lowest 10% as the 10% one', () => {
  expect(stat('WM(10%:90%)', range(1, 10))).toBe((2 + range(2, 9).reduce((a, b) => a + b) + 9) / 10);
});

test('PR(:300) is the share of values <= 300; PR(100:2000) excludes the lower bound', () => {
  expect(stat('PR(:300)', [100, 200, 300, 400])).toBe(75);
  expect(stat('PR(100:2000)', [100, 200, 300, 400])).toBe(75);
});

test('tc90 counts, ts90 sums, the datapoints tm90 would average', () => {
  expect(stat('tc90', range(1, 10))).toBe(9);
  expect(stat('ts90', range(1, 10))).toBe(45);
  expect(stat('TC(:5)', range(1, 10))).toBe(5);
});

test('names CloudWatch does not define are refused', () => {
  for (const name of ['Avg', 'p101', 'p', 'tm', 'TM()', 'TM(:)', 'PR(10%:)', 'sum', 'TM(a:b)']) {
    expect({ name, parsed: parseStatistic(name) }).toEqual({ name, parsed: undefined });
  }
});

test('low sample count: fewer than 10/(1-p) samples above p50, fewer than 10/p below', () => {
  const p99 = parseStatistic('p99');
  const p10 = parseStatistic('p10');
  if (!p99 || !p10) throw new Error('parse');
  expect([lowSampleCount(p99, 999), lowSampleCount(p99, 1000)]).toEqual([true, false]);
  expect([lowSampleCount(p10, 99), lowSampleCount(p10, 100)]).toEqual([true, false]);
  expect(lowSampleCount({ kind: 'Sum' }, 1)).toBe(false);
});
