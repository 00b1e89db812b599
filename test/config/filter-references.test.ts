/** Metric values and dimensions must read fields the pattern can fill. */
import { referenceProblems } from '../../src/config/filter-pattern';

const messages = (pattern: string, value: string, dimensions: Record<string, string> = {}) =>
  referenceProblems(pattern, value, dimensions).map((p) => `${p.severity}: ${p.message}`);

test('fields the pattern fills are fine: $.x with JSON, $name and $N with space-delimited, literals anywhere', () => {
  expect(messages('{ $.ms > 0 }', '$.ms', { Route: '$.route' })).toEqual([]);
  expect(messages('[ip, ..., bytes]', '$bytes', { Ip: '$ip', Third: '$3' })).toEqual([]);
  expect(messages('ERROR', '1')).toEqual([]);
});

test('a JSON field with a pattern that is not JSON, or a delimited field with one that is not, is a warning', () => {
  expect(messages('ERROR', '$.ms')).toEqual([
    'warning: the metric value reads $.ms from JSON, but the pattern is not a JSON pattern ({ ... }): it will emit nothing',
  ]);
  expect(messages('{ $.a = 1 }', '1', { Host: '$host' })).toEqual([
    'warning: dimension Host reads $host, a space-delimited field, but the pattern is not space-delimited ([ ... ]): it will emit nothing',
  ]);
});

test('a delimited field the pattern does not name is an error; an invalid pattern is left to the pattern check', () => {
  expect(messages('[a, b]', '$c')).toEqual([
    'error: the metric value reads $c, but the pattern names no field "c" (its fields: a, b; $1, $2, ... by position)',
  ]);
  expect(messages('[a, b', '$c')).toEqual([]);
});
