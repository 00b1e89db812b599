/**
 * A mute rule's schedule offline (schedule.ts): the cron fields PutAlarmMuteRule documents, `at`,
 * durations, and the windows they give in a time zone, across a daylight-saving change.
 */
import {
  canonicalExpression,
  isoDuration,
  mutedAt,
  nextWindows,
  nextWindowsText,
  parseCron,
  parseDate,
  parseDuration,
  parseScheduleText,
  scheduleText,
  type Schedule,
} from '../../src/kinds/alarm-mute-rule/schedule';

const utc = (y: number, mo: number, d: number, h = 0, mi = 0) => Date.UTC(y, mo - 1, d, h, mi);

test.each([
  '0 2 * * *',
  '0 2 * * SUN',
  '0 1 1 * *',
  '0 18 * * FRI',
  '0 23 * * *',
  '30 8-17 * JAN-MAR MON-FRI',
  '0 0 1,15 * 7',
])('accepts the cron %j', (cron) => {
  expect(parseCron(cron)).not.toHaveProperty('message');
});

test.each([
  ['0 2 * *', "a mute rule's cron has 5 fields", 0],
  ['0 2 * * * *', "a mute rule's cron has 5 fields", 0],
  ['0 24 * * *', 'the hour field takes 0–23, not "24"', 2],
  ['*/5 * * * *', 'the minute field has "/"', 1],
  ['0 2 1,* * *', 'in the day of month field, * stands alone', 6],
  ['0 2 ? * SUN', 'the day of month field has "?"', 4],
  ['0 2 * * SUNDAY', 'the day of week field takes 0–7 or SUN–SAT, not "SUNDAY"', 8],
  ['0 2 * 13 *', 'the month field takes 1–12 or JAN–DEC, not "13"', 6],
  ['0 5-2 * * *', 'the hour range "5-2" ends before it starts', 2],
  ['0 2 1,32 * *', 'the day of month field takes 1–31, not "32"', 6],
])('refuses the cron %j: %s at %d', (cron, message, offset) => {
  const problem = parseCron(cron);
  expect(problem).toHaveProperty('message');
  expect((problem as { message: string }).message.startsWith(message)).toBe(true);
  expect((problem as { offset: number }).offset).toBe(offset);
});

test('durations in the short and the ISO forms, and back', () => {
  expect(['2h', '90m', '2d12h', '1h30m', 'PT2H', 'P2DT12H', 'PT1M', 'P15D'].map(parseDuration)).toEqual([
    7200, 5400, 216_000, 5400, 7200, 216_000, 60, 1_296_000,
  ]);
  expect(['2 hours', '', 'P', 'PT', 'h'].map(parseDuration)).toEqual([
    undefined,
    undefined,
    undefined,
    undefined,
    undefined,
  ]);
  expect([7200, 216_000, 5400, 60, 1_296_000].map(isoDuration)).toEqual(['PT2H', 'P2DT12H', 'PT1H30M', 'PT1M', 'P15D']);
});

test("dates: a day or a minute in the rule's zone, or an instant with Z or an offset", () => {
  expect(parseDate('2027-01-03', 'Europe/Paris')).toBe(utc(2027, 1, 2, 23));
  expect(parseDate('2027-07-03T08:30', 'Europe/Paris')).toBe(utc(2027, 7, 3, 6, 30));
  expect(parseDate('2027-07-03T08:30:00Z', 'Europe/Paris')).toBe(utc(2027, 7, 3, 8, 30));
  expect(parseDate('2027-07-03T08:30+02:00', 'UTC')).toBe(utc(2027, 7, 3, 6, 30));
  expect(parseDate('2027-02-30', 'UTC')).toHaveProperty('message', 'FEB 2027 has no day 30');
  expect(parseDate('next tuesday', 'UTC')).toHaveProperty('message');
});

const sunday: Schedule = { expression: 'cron(0 2 * * SUN)', seconds: 7200, timezone: 'Europe/Paris' };

test('the spec line round-trips', () => {
  const s: Schedule = { ...sunday, start: utc(2026, 12, 1), expire: utc(2027, 6, 1) };
  const text = scheduleText(s);
  expect(text).toBe('cron(0 2 * * SUN) for PT2H in Europe/Paris from 2026-12-01T00:00:00Z until 2027-06-01T00:00:00Z');
  expect(parseScheduleText(text)).toEqual(s);
});

test('the next three Sunday windows in Paris, across the end of summer time', () => {
  // Friday 23 October 2026; summer time ends on Sunday 25 October at 03:00 (UTC+2 → UTC+1).
  const now = utc(2026, 10, 23, 12);
  expect(nextWindows(sunday, now, 3)).toEqual([
    [utc(2026, 10, 25, 0), utc(2026, 10, 25, 2)],
    [utc(2026, 11, 1, 1), utc(2026, 11, 1, 3)],
    [utc(2026, 11, 8, 1), utc(2026, 11, 8, 3)],
  ]);
  // Two hours from 02:00 on the night the clocks go back from 03:00 to 02:00 end at 03:00 on the wall.
  expect(nextWindowsText(sunday, now)).toBe(
    'next: Sun 25 Oct 02:00–03:00, Sun 1 Nov 02:00–04:00, Sun 8 Nov 02:00–04:00 Europe/Paris',
  );
});

test('an open window counts as the next, and a multi-day window reads from day to day', () => {
  const weekend: Schedule = { expression: 'cron(0 18 * * FRI)', seconds: 2.5 * 86_400, timezone: 'UTC' };
  const saturday = utc(2026, 12, 12, 9);
  expect(nextWindowsText(weekend, saturday, 1)).toBe(
    'next: Fri 11 Dec 18:00 – Mon 14 Dec 06:00 UTC (the first is open now)',
  );
});

test('a one-time window, and its start and expiry dates', () => {
  const once: Schedule = { expression: 'at(2026-12-24T18:00)', seconds: 3 * 3600, timezone: 'America/New_York' };
  expect(nextWindows(once, utc(2026, 12, 1), 3)).toEqual([[utc(2026, 12, 24, 23), utc(2026, 12, 25, 2)]]);
  expect(nextWindowsText(once, utc(2027, 1, 1))).toMatch(/^next: none/);
  const bounded: Schedule = { ...sunday, start: utc(2026, 11, 10), expire: utc(2026, 11, 20) };
  expect(nextWindows(bounded, utc(2026, 11, 1), 3)).toEqual([[utc(2026, 11, 15, 1), utc(2026, 11, 15, 3)]]);
});

test('mutedAt: inside a window, at its edges, and outside', () => {
  const open = utc(2026, 11, 1, 1);
  expect(mutedAt(sunday, open)).toBe(true);
  expect(mutedAt(sunday, open + 7_199_000)).toBe(true);
  expect(mutedAt(sunday, open + 7_200_000)).toBe(false);
  expect(mutedAt(sunday, open - 1000)).toBe(false);
  // A Monday at the same hour.
  expect(mutedAt(sunday, utc(2026, 11, 2, 1, 30))).toBe(false);
  // Both day fields restricted: either matching is enough (standard cron).
  const firstOrMonday: Schedule = { expression: 'cron(0 0 1 * MON)', seconds: 3600 };
  expect(mutedAt(firstOrMonday, utc(2026, 12, 1, 0, 30))).toBe(true);
  expect(mutedAt(firstOrMonday, utc(2026, 12, 7, 0, 30))).toBe(true);
  expect(mutedAt(firstOrMonday, utc(2026, 12, 8, 0, 30))).toBe(false);
});

test('an expression AWS answers with other spacing or case reads as the one the files wrote', () => {
  expect(canonicalExpression('cron(0  2 * * sun)')).toBe('cron(0 2 * * SUN)');
  expect(canonicalExpression(' at(2026-12-24T18:00) ')).toBe('at(2026-12-24T18:00)');
});
