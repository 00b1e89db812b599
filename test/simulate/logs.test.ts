/** Log events through real metric filters (the src/patterns engine): matches, values, dimensions, default values. */
import { engineEvaluator, runFilters } from '../../src/simulate';
import { MIN, T0 } from './builders';
import type { MetricFilterSpec } from '../../src/kinds/specs';

function filter(pattern: string, t: Partial<MetricFilterSpec['transformation']> = {}): MetricFilterSpec {
  return {
    kind: 'metricFilter',
    logGroupName: '/app',
    filterName: 'monitors.s.f',
    filterPattern: pattern,
    transformation: { metricName: 'Errors', metricNamespace: 'App', metricValue: '1', dimensions: {}, ...t },
  };
}
const event = (offsetMs: number, message: string, logGroup = '/app') => ({
  timestamp: T0 + offsetMs,
  message,
  logGroup,
});

test('each matching event publishes the metric value at its own time; other log groups are not read', () => {
  const { runs, datapoints } = runFilters(
    [filter('%ERROR%')],
    [event(0, 'ERROR a'), event(1000, 'INFO b'), event(2000, 'ERROR c', '/other')],
    engineEvaluator(),
  );
  expect(runs[0]?.outcomes.map((o) => [o.event, o.outcome.matched])).toEqual([
    [0, true],
    [1, false],
  ]);
  expect(datapoints.map((d) => [d.timestamp - T0, d.value])).toEqual([[0, 1]]);
});

test('a JSON field as the value and a dimension from the event', () => {
  const f = filter('{ $.level = "error" }', { metricValue: '$.latency', dimensions: { Service: '$.service' } });
  const { datapoints } = runFilters(
    [f],
    [event(0, '{"level":"error","latency":250,"service":"pay"}')],
    engineEvaluator(),
  );
  expect(datapoints).toEqual([
    { namespace: 'App', metricName: 'Errors', dimensions: { Service: 'pay' }, timestamp: T0, value: 250 },
  ]);
});

test('the default value is published once per minute with log events and no match, never for a silent minute', () => {
  const f = filter('%ERROR%', { defaultValue: 0 });
  const { datapoints } = runFilters(
    [f],
    [event(0, 'INFO a'), event(10_000, 'INFO b'), event(MIN, 'ERROR c'), event(3 * MIN, 'INFO d')],
    engineEvaluator(),
  );
  expect(datapoints.map((d) => [(d.timestamp - T0) / 1000, d.value])).toEqual([
    [0, 0],
    [60, 1],
    [180, 0],
  ]);
});

test('a pattern the engine rejects is a typed error naming the filter', () => {
  expect(() => runFilters([filter('{ $.x = ')], [event(0, 'x')], engineEvaluator())).toThrow(/filter monitors\.s\.f: /);
});
