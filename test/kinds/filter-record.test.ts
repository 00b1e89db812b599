/**
 * The record of metric filters adopted under their own names (src/kinds/metric-filter/ownership-record.ts):
 * values within SSM's 4 KB at every size, a round trip through encode and decode, and hostile values.
 */
import {
  decodeRecord,
  encodeRecord,
  filterMark,
  MARKS_PER_PARAMETER,
  MAX_VALUE_LENGTH,
  recordParameterName,
  recordStackOf,
} from '../../src/kinds/metric-filter/ownership-record';
import { MonitorsError } from '../../src/model';

const marks = (n: number) => Array.from({ length: n }, (_, i) => filterMark('/shop/app', `filter-${i}`));

test('a mark is 16 hex digits of the log group and name together, whatever their length', () => {
  const long = filterMark('/g'.repeat(256), 'f'.repeat(512));
  expect(long).toMatch(/^[0-9a-f]{16}$/);
  // The separator (a NUL, which no log group name can hold) keeps ("/a", "b/c") and ("/a/b", "c")
  // apart, and names stay case-sensitive.
  expect(filterMark('/a', 'b/c')).not.toBe(filterMark('/a/b', 'c'));
  expect(filterMark('/g', 'Errors')).not.toBe(filterMark('/g', 'errors'));
  expect(new Set(marks(5000)).size).toBe(5000);
});

test('each parameter holds as many marks as fit in 4,096 characters, and not one more', () => {
  expect(MAX_VALUE_LENGTH).toBe(4096);
  expect(MARKS_PER_PARAMETER).toBe(240);
  const full = encodeRecord(marks(MARKS_PER_PARAMETER));
  expect(full).toHaveLength(1);
  expect((full[0] ?? '').length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
  // One more mark would not fit: that value would be 2 + 241 * 17 characters.
  expect(2 + (MARKS_PER_PARAMETER + 1) * 17).toBeGreaterThan(MAX_VALUE_LENGTH);
  const split = encodeRecord(marks(MARKS_PER_PARAMETER + 1));
  expect(split.map((v) => v.split(' ').length - 1)).toEqual([MARKS_PER_PARAMETER, 1]);
  for (const n of [0, 1, 239, 240, 241, 480, 481, 2500]) {
    const values = encodeRecord(marks(n));
    expect(values).toHaveLength(Math.ceil(n / MARKS_PER_PARAMETER));
    for (const v of values) expect(v.length).toBeLessThanOrEqual(MAX_VALUE_LENGTH);
    const back = values.flatMap((v, i) => decodeRecord(recordParameterName('shop', i + 1), v));
    expect(back.sort()).toEqual([...new Set(marks(n))].sort());
  }
});

test('encoding is sorted and without duplicates, so an unchanged set writes the same values', () => {
  const m = marks(300);
  expect(encodeRecord([...m].reverse())).toEqual(encodeRecord([...m, ...m.slice(0, 10)]));
  expect(() => encodeRecord(['not-a-mark'])).toThrow(MonitorsError);
});

test('a value edited by hand claims nothing by what is not a mark; a later format is refused', () => {
  const name = recordParameterName('shop', 1);
  const mark = filterMark('/g', 'f');
  expect(decodeRecord(name, `v1 ${mark} ../../etc  ${mark.toUpperCase()} ${mark}0 x`)).toEqual([mark]);
  expect(decodeRecord(name, 'v1')).toEqual([]);
  expect(() => decodeRecord(name, `v2 ${mark}`)).toThrow(/is not a metric-filter ownership record .* "v2"/);
  expect(() => decodeRecord(name, '')).toThrow(MonitorsError);
});

test('only names of the record’s own form name a stack', () => {
  expect(recordStackOf(recordParameterName('shop', 1))).toBe('shop');
  expect(recordStackOf(recordParameterName('a-b-9', 42))).toBe('a-b-9');
  for (const name of [
    '/monitors/_adopted-filters/shop',
    '/monitors/_adopted-filters/shop/0',
    '/monitors/_adopted-filters/shop/1/2',
    '/monitors/_adopted-filters/Shop/1',
    '/monitors/_adopted-filters/shop/x',
    '/monitors/shop/lock',
    '/monitors/_adopted-filters/-shop/1',
  ])
    expect(recordStackOf(name)).toBeUndefined();
});
