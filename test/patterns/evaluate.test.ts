/** Evaluator behaviour beyond the documented examples: backtracking, its bound, and emissions. */
import { evaluateEvent, matchesEvent, parseFilterPattern, type FilterPattern } from '../../src/patterns';
import type { MetricTransformation } from '../../src/kinds/specs';

function pattern(text: string): FilterPattern {
  const r = parseFilterPattern(text);
  if (!r.ok) throw new Error(r.error.message);
  return r.pattern;
}
const transformation = (t: Partial<MetricTransformation>): MetricTransformation => ({
  metricName: 'M',
  metricNamespace: 'N',
  metricValue: '1',
  dimensions: {},
  ...t,
});

test('several ... are placed so that the conditions hold (backtracking)', () => {
  const p = pattern('[..., a = x, ..., b = y, last]');
  expect(matchesEvent(p, 'q x r x y z')).toBe(true);
  expect(matchesEvent(p, 'x q y z')).toBe(true);
  expect(matchesEvent(p, 'q x r y x z')).toBe(false);
  expect(matchesEvent(p, 'q y r x z')).toBe(false);
  expect(evaluateEvent(p, transformation({ metricValue: '$last', dimensions: { A: '$a' } }), '1 x 2 x y 7')).toEqual({
    matched: true,
    value: 7,
    dimensions: { A: 'x' },
  });
});

test('a hostile line cannot stall matching: the number of placements tried is bounded', () => {
  const p = pattern('[..., a, ..., b, ..., c = never]');
  const line = Array.from({ length: 3000 }, (_, i) => `f${i}`).join(' ');
  const start = Date.now();
  expect(matchesEvent(p, line)).toBe(false);
  expect(Date.now() - start).toBeLessThan(2000);
});

test('a dimension whose field is missing emits no value; a non-match emits the default without dimensions', () => {
  const p = pattern('{ $.level = ERROR }');
  const t = transformation({ dimensions: { Route: '$.route' } });
  expect(evaluateEvent(p, t, '{"level": "ERROR"}')).toEqual({ matched: true, dimensions: {} });
  expect(evaluateEvent(p, t, '{"level": "ERROR", "route": "/a"}')).toEqual({
    matched: true,
    value: 1,
    dimensions: { Route: '/a' },
  });
  expect(evaluateEvent(p, transformation({ defaultValue: 0 }), '{"level": "INFO"}')).toEqual({
    matched: false,
    value: 0,
    dimensions: {},
  });
});

test('metric values use AWS number syntax: signs, decimals and exponents, nothing else', () => {
  const p = pattern('[v]');
  const value = (line: string) => evaluateEvent(p, transformation({ metricValue: '$v' }), line).value;
  expect([value('+12'), value('-1.5'), value('2e3'), value('.5')]).toEqual([12, -1.5, 2000, 0.5]);
  expect([value('0x10'), value('12ms'), value('Infinity'), value('1,000')]).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
});

test('a selector through a non-array with [*], or a missing index, finds nothing', () => {
  expect(matchesEvent(pattern('{ $.a[*] = 1 }'), '{"a": 1}')).toBe(false);
  expect(matchesEvent(pattern('{ $.a[3] = 1 }'), '{"a": [1]}')).toBe(false);
  expect(matchesEvent(pattern('{ $.a[*] = 1 }'), '{"a": [0, 1]}')).toBe(true);
});
