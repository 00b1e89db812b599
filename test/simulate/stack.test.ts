/** The whole stack simulated: filters feed alarms by metric identity, composites over composites. */
import type { DesiredStack } from '../../src/model';
import { engineEvaluator, simulateStack, stateAt } from '../../src/simulate';
import { MIN, T0, alarm, composite } from './builders';
import type { MetricFilterSpec } from '../../src/kinds/specs';

const filter: MetricFilterSpec = {
  kind: 'metricFilter',
  logGroupName: '/app',
  filterName: 'monitors.s.errors',
  filterPattern: '{ $.level = "error" }',
  transformation: {
    metricName: 'Errors',
    metricNamespace: 'App',
    metricValue: '1',
    dimensions: { Service: '$.service' },
  },
};

function stack(...specs: DesiredStack['resources'][number]['spec'][]): DesiredStack {
  return {
    settings: { name: 's', region: 'us-east-1', defaultTags: {} },
    resources: specs.map((spec) => ({ spec, source: { file: 'x.yaml', line: 1, column: 1 } })),
    secrets: [],
    warnings: [],
    files: [],
  };
}

const events = ['pay', 'pay', 'web'].map((service, i) => ({
  timestamp: T0 + i * 1000,
  message: JSON.stringify({ level: 'error', service }),
  logGroup: '/app',
}));

test('an alarm reads only the datapoints of its exact metric (namespace, name and dimensions)', () => {
  const metric = (service: string) => ({
    namespace: 'App',
    metricName: 'Errors',
    dimensions: { Service: service },
    period: 60,
    statistic: 'Sum',
  });
  const sim = simulateStack(
    stack(
      filter,
      alarm({ name: 'pay', metric: metric('pay') }),
      alarm({ name: 'web', metric: metric('web') }),
      alarm({ name: 'none' }),
    ),
    { events, datapoints: [], window: { from: T0, to: T0 + 2 * MIN }, evaluate: engineEvaluator() },
  );
  const at = T0 + MIN;
  expect(['pay', 'web', 'none'].map((n) => stateAt(sim.alarms.get(n) as never, at))).toEqual([
    'ALARM',
    'OK',
    'INSUFFICIENT_DATA',
  ]);
});

test('a composite over a composite is simulated after it, whatever the declaration order', () => {
  const metric = {
    namespace: 'App',
    metricName: 'Errors',
    dimensions: { Service: 'pay' },
    period: 60,
    statistic: 'Sum',
  };
  const sim = simulateStack(
    stack(
      composite('ALARM(inner) AND TRUE', { name: 'outer' }),
      composite('ALARM(pay)', { name: 'inner' }),
      filter,
      alarm({ name: 'pay', metric }),
    ),
    { events, datapoints: [], window: { from: T0, to: T0 + 2 * MIN }, evaluate: engineEvaluator() },
  );
  const outer = sim.alarms.get('outer');
  expect(outer?.evaluations.map((e) => [e.at - T0, e.state])).toEqual([
    [0, 'OK'],
    [MIN, 'ALARM'],
  ]);
});

test('a composite that refers to itself through another is refused', () => {
  expect(() =>
    simulateStack(stack(composite('ALARM(b)', { name: 'a' }), composite('ALARM(a)', { name: 'b' })), {
      events: [],
      datapoints: [],
      window: { from: T0, to: T0 + MIN },
      evaluate: engineEvaluator(),
    }),
  ).toThrow('composite alarm a refers to itself through its rule');
});
