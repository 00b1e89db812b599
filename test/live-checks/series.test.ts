/** Nearest spellings of a series that does not exist, and thresholds that can never be crossed. */
import type { MetricRead } from '../../src/kinds/live';
import { checkSeries } from '../../src/live-checks/series';
import { unreachable } from '../../src/live-checks/threshold';

const listed = (metrics: [string, Record<string, string>][]) => ({
  complete: true,
  metrics: metrics.map(([metricName, dimensions]) => ({ namespace: 'Shop', metricName, dimensions })),
});
const want = (metricName: string, dimensions: Record<string, string>) => ({
  namespace: 'Shop',
  metricName,
  dimensions,
});

const catalog = listed([
  ['Latency', { InstanceId: 'i-123' }],
  ['Latency', { InstanceId: 'i-456' }],
  ['Latency', { InstanceId: 'i-123', Route: '/cart' }],
  ['Errors', {}],
]);

test('an exact series exists; anything else does not', () => {
  expect(checkSeries(want('Latency', { InstanceId: 'i-123' }), catalog)).toEqual({ exists: true });
  expect(checkSeries(want('Errors', {}), catalog)).toEqual({ exists: true });
  expect(checkSeries(want('Errors', { Route: '/cart' }), catalog).exists).toBe(false);
});

test('a dimension name in another case: the listed spelling, and the dimension sets the metric has', () => {
  expect(checkSeries(want('Latency', { InstanceID: 'i-123' }), catalog)).toEqual({
    exists: false,
    suggestions: [{ field: 'dimension name', given: 'InstanceID', nearest: 'InstanceId' }],
    has: [['InstanceId'], ['InstanceId', 'Route']],
    emptyNamespace: false,
  });
});

test('a name and a value both off: both suggested', () => {
  const v = checkSeries(want('Latency', { InstanceID: 'i-12' }), catalog);
  expect(v.exists === false && v.suggestions).toEqual([
    { field: 'dimension name', given: 'InstanceID', nearest: 'InstanceId' },
    { field: 'dimension value', given: 'i-12', nearest: 'i-123' },
  ]);
});

test('a metric name off by a letter; an empty namespace; nothing near enough suggests nothing', () => {
  const v = checkSeries(want('Latancy', { InstanceId: 'i-123' }), catalog);
  expect(v.exists === false && v.suggestions).toEqual([{ field: 'metric name', given: 'Latancy', nearest: 'Latency' }]);
  expect(checkSeries(want('Latency', {}), undefined)).toMatchObject({ exists: false, emptyNamespace: true });
  const far = checkSeries(want('CompletelyDifferent', {}), catalog);
  expect(far.exists === false && far.suggestions).toEqual([]);
});

const read = (stat: string, unit?: string): MetricRead => ({
  namespace: 'N',
  metricName: 'M',
  dimensions: {},
  period: 60,
  stat,
  path: 'metric',
  ...(unit ? { unit } : {}),
});

test('thresholds no value of the statistic can cross', () => {
  expect(unreachable(read('SampleCount'), { threshold: 1, comparison: 'LessThanThreshold' })).toMatch(/at least 1/);
  expect(unreachable(read('SampleCount'), { threshold: 2, comparison: 'LessThanThreshold' })).toBeUndefined();
  expect(unreachable(read('Average', 'Percent'), { threshold: 100, comparison: 'GreaterThanThreshold' })).toMatch(
    /never above 100/,
  );
  expect(
    unreachable(read('Average', 'Percent'), { threshold: 99, comparison: 'GreaterThanThreshold' }),
  ).toBeUndefined();
  expect(unreachable(read('Average'), { threshold: 100, comparison: 'GreaterThanThreshold' })).toBeUndefined();
});
