/** The timestamp forms the reader accepts, and the rewrite of XML answers (pure). */
import { normalizeXmlTimestamps, timestampMillis } from '../../src/aws/tolerant-reading';

const AT = Date.UTC(2026, 11, 7, 12, 30, 15);

test.each<[string, unknown]>([
  ['epoch seconds', AT / 1000],
  ['epoch millis', AT],
  ['a numeric string of seconds', String(AT / 1000)],
  ['a numeric string of millis', String(AT)],
  ['ISO-8601 with Z', '2026-12-07T12:30:15.000Z'],
  ['ISO-8601 with an offset', '2026-12-07T14:30:15+02:00'],
])('%s reads as the same instant', (_, value) => {
  expect(timestampMillis(value)).toBe(AT);
});

test.each<unknown>(['', 'soon', NaN, Infinity, null, {}])('%p is no timestamp', (value) => {
  expect(timestampMillis(value)).toBeUndefined();
});

test('XML: epoch values of timestamp elements become ISO; other elements and non-numeric text stay', () => {
  const xml =
    '<R><CreateDate>1796646615</CreateDate><Name>1796646615</Name><Expiration>2026-12-07T12:30:15Z</Expiration></R>';
  expect(normalizeXmlTimestamps(xml, new Set(['CreateDate', 'Expiration']))).toBe(
    '<R><CreateDate>2026-12-07T12:30:15.000Z</CreateDate><Name>1796646615</Name><Expiration>2026-12-07T12:30:15Z</Expiration></R>',
  );
});
