/** Properties of the simulator that examples cannot cover (fast-check). */
import fc from 'fast-check';
import { evaluateRange, simulateMetricAlarm, type Point } from '../../src/simulate';
import { MIN, T0, alarm } from './builders';

const datapoints = fc.array(
  fc.record({ timestamp: fc.integer({ min: T0, max: T0 + 10 * MIN - 1 }), value: fc.integer({ min: -5, max: 10 }) }),
  { maxLength: 40 },
);
const settings = fc.record({
  evaluationPeriods: fc.integer({ min: 1, max: 4 }),
  treatMissingData: fc.constantFrom('missing', 'ignore', 'breaching', 'notBreaching' as const),
  statistic: fc.constantFrom('Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'),
});

test('the state sequence does not depend on the order datapoints arrive in', () => {
  fc.assert(
    fc.property(datapoints, settings, fc.integer({ min: 1, max: 4 }), (points, s, m) => {
      const a = alarm({
        metric: { namespace: 'App', metricName: 'Errors', dimensions: {}, period: 60, statistic: s.statistic },
        evaluationPeriods: s.evaluationPeriods,
        datapointsToAlarm: Math.min(m, s.evaluationPeriods),
        treatMissingData: s.treatMissingData,
      });
      const window = { from: T0, to: T0 + 12 * MIN };
      const forward = simulateMetricAlarm(a, points, window);
      const backward = simulateMetricAlarm(a, [...points].reverse(), window);
      expect(backward.evaluations.map((e) => e.state)).toEqual(forward.evaluations.map((e) => e.state));
    }),
  );
});

test('without a breaching real datapoint an alarm never goes to ALARM unless missing data is breaching', () => {
  const range = fc.array(fc.constantFrom<Point>('notBreaching', 'missing'), { minLength: 3, maxLength: 6 });
  fc.assert(
    fc.property(range, settings, (points, s) => {
      fc.pre(s.treatMissingData !== 'breaching');
      const e = evaluateRange(points, { ...s, datapointsToAlarm: 1 }, 'OK');
      expect(e.state).not.toBe('ALARM');
    }),
  );
});
