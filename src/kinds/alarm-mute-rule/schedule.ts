/**
 * A mute rule's schedule, offline: the `cron(…)` and `at(…)` expressions PutAlarmMuteRule takes
 * (its Schedule.Expression documentation: five cron fields, `*`, `-` and `,` in every field, JAN–DEC
 * and SUN–SAT names; `at(yyyy-MM-ddThh:mm)`), ISO 8601 durations from PT1M to P15D, IANA time zones
 * (checked with Intl), and the windows these give: the next few for the plan, and whether one is open
 * at an instant for the simulator. Pure.
 */

/** A problem with a value, and the character of it the problem is at. */
export interface ScheduleProblem {
  readonly message: string;
  readonly offset: number;
}

/** "a minimum of 1 minute (PT1M) and maximum of 15 days (P15D)" (Schedule.Duration). */
export const MIN_MUTE_SECONDS = 60;
export const MAX_MUTE_SECONDS = 15 * 86_400;

const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];

interface FieldRule {
  readonly label: string;
  readonly min: number;
  readonly max: number;
  readonly names?: readonly string[];
  /** The first name's number (months count from 1). */
  readonly nameBase?: number;
}

const FIELDS: readonly FieldRule[] = [
  { label: 'minute', min: 0, max: 59 },
  { label: 'hour', min: 0, max: 23 },
  { label: 'day of month', min: 1, max: 31 },
  { label: 'month', min: 1, max: 12, names: MONTHS, nameBase: 1 },
  // 7 is Sunday as well, as in every cron.
  { label: 'day of week', min: 0, max: 7, names: DAYS, nameBase: 0 },
];

/** A cron expression's five fields as the sets of values they allow, and whether each was `*`. */
export interface Cron {
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly days: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly weekdays: ReadonlySet<number>;
  readonly anyDay: boolean;
  readonly anyWeekday: boolean;
}

/** When windows open: every time a cron matches, or once. */
export type Trigger =
  | { readonly type: 'cron'; readonly cron: Cron; readonly fields: string }
  | { readonly type: 'at'; readonly local: LocalTime };

/** A wall-clock minute in the rule's time zone. */
export interface LocalTime {
  readonly year: number;
  readonly month: number;
  readonly day: number;
  readonly hour: number;
  readonly minute: number;
}

function value(token: string, rule: FieldRule): number | undefined {
  const upper = token.toUpperCase();
  const named = rule.names?.indexOf(upper) ?? -1;
  if (named >= 0) return named + (rule.nameBase ?? 0);
  if (!/^\d{1,2}$/.test(token)) return undefined;
  const n = Number(token);
  return n >= rule.min && n <= rule.max ? n : undefined;
}

function field(text: string, rule: FieldRule, offset: number): Set<number> | ScheduleProblem {
  const out = new Set<number>();
  if (text === '*') {
    for (let n = rule.min; n <= rule.max; n++) out.add(n);
    return out;
  }
  const bad = /[^A-Za-z0-9,*-]/.exec(text);
  if (bad)
    return {
      message: `the ${rule.label} field has "${bad[0]}": mute rules take only numbers, names, *, - and , (no steps, ? or L)`,
      offset: offset + bad.index,
    };
  let at = offset;
  for (const part of text.split(',')) {
    if (part.includes('*'))
      return { message: `in the ${rule.label} field, * stands alone for every value`, offset: at + part.indexOf('*') };
    const [a, b, extra] = part.split('-');
    const from = a === undefined ? undefined : value(a, rule);
    const to = b === undefined ? from : value(b, rule);
    const range = rule.names
      ? `${rule.min}–${rule.max} or ${rule.names[0]}–${rule.names[rule.names.length - 1]}`
      : `${rule.min}–${rule.max}`;
    if (extra !== undefined || from === undefined || to === undefined)
      return { message: `the ${rule.label} field takes ${range}, not "${part}"`, offset: at };
    if (to < from) return { message: `the ${rule.label} range "${part}" ends before it starts`, offset: at };
    for (let n = from; n <= to; n++) out.add(n);
    at += part.length + 1;
  }
  return out;
}

/** The five fields of a cron (without `cron(` and `)`), or the first problem. */
export function parseCron(text: string): Cron | ScheduleProblem {
  const parts: { text: string; offset: number }[] = [];
  const re = /\S+/g;
  for (let m = re.exec(text); m; m = re.exec(text)) parts.push({ text: m[0], offset: m.index });
  if (parts.length !== 5)
    return {
      message: `a mute rule's cron has 5 fields (minute hour day-of-month month day-of-week), e.g. "0 2 * * SUN"; this has ${parts.length}`,
      offset: 0,
    };
  const sets: Set<number>[] = [];
  for (const [i, p] of parts.entries()) {
    const set = field(p.text, FIELDS[i] as FieldRule, p.offset);
    if (!(set instanceof Set)) return set;
    sets.push(set);
  }
  const [minutes, hours, days, months, weekdays] = sets as [
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
    Set<number>,
  ];
  if (weekdays.delete(7)) weekdays.add(0);
  return {
    minutes,
    hours,
    days,
    months,
    weekdays,
    anyDay: parts[2]?.text === '*',
    anyWeekday: parts[4]?.text === '*',
  };
}

const DAYS_IN_MONTH = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** `yyyy-MM-ddThh:mm`, a real minute, or the problem. */
export function parseLocalTime(text: string): LocalTime | ScheduleProblem {
  const m = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/.exec(text);
  if (!m)
    return { message: `a one-time window starts at yyyy-MM-ddThh:mm, e.g. 2026-12-24T18:00, not "${text}"`, offset: 0 };
  const [year, month, day, hour, minute] = m.slice(1).map(Number) as [number, number, number, number, number];
  if (month < 1 || month > 12) return { message: `there is no month ${month}`, offset: 5 };
  if (day < 1 || day > DAYS_IN_MONTH(year, month))
    return { message: `${MONTHS[month - 1]} ${year} has no day ${day}`, offset: 8 };
  if (hour > 23) return { message: `there is no hour ${hour} (00–23)`, offset: 11 };
  if (minute > 59) return { message: `there is no minute ${minute} (00–59)`, offset: 14 };
  return { year, month, day, hour, minute };
}

/** Seconds from `2h`, `90m`, `2d12h`, `1h30m` or ISO 8601 `PT2H`, `P2DT12H`; undefined when it is neither. */
export function parseDuration(text: string): number | undefined {
  const iso = /^P(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$/.exec(text);
  if (iso && text !== 'P' && text !== 'PT' && !text.endsWith('T')) {
    const [d, h, m, s] = iso.slice(1).map((v) => Number(v ?? 0)) as [number, number, number, number];
    return d * 86_400 + h * 3600 + m * 60 + s;
  }
  const short = /^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$/.exec(text);
  if (!short || text === '') return undefined;
  const [d, h, m] = short.slice(1).map((v) => Number(v ?? 0)) as [number, number, number];
  return d * 86_400 + h * 3600 + m * 60;
}

/** The ISO 8601 form AWS takes: `PT2H`, `P2DT12H`, `PT1H30M`. */
export function isoDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  const time = `${h ? `${h}H` : ''}${m ? `${m}M` : ''}`;
  const out = `P${d ? `${d}D` : ''}${time ? `T${time}` : ''}`;
  return out === 'P' ? 'PT0M' : out;
}

/** The short form the files use: `2h`, `2d12h`, `1h30m`. */
export function shortDuration(seconds: number): string {
  const d = Math.floor(seconds / 86_400);
  const h = Math.floor((seconds % 86_400) / 3600);
  const m = Math.floor((seconds % 3600) / 60);
  return `${d ? `${d}d` : ''}${h ? `${h}h` : ''}${m ? `${m}m` : ''}` || '0m';
}

/** Whether Intl knows the zone (the IANA database Node ships). */
export function knownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** Every zone Intl lists, for did-you-mean. */
export function timeZones(): readonly string[] {
  const intl = Intl as unknown as { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? [];
}

/** Whether a zone is UTC under another name: the rule's default, written by leaving it out. */
export function isUtc(zone: string | undefined): boolean {
  return zone === undefined || /^(Etc\/)?(UTC|UCT|GMT|Zulu|Universal|Greenwich)(\+0|-0|0)?$/i.test(zone);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat('en-GB', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
      weekday: 'short',
    });
    formatters.set(zone, f);
  }
  return f;
}

interface ZonedParts extends LocalTime {
  readonly second: number;
  readonly weekday: string;
}

function partsAt(zone: string, ms: number): ZonedParts {
  const get: Record<string, string> = {};
  for (const p of formatter(zone).formatToParts(new Date(ms))) get[p.type] = p.value;
  return {
    year: Number(get.year),
    month: Number(get.month),
    day: Number(get.day),
    hour: Number(get.hour),
    minute: Number(get.minute),
    second: Number(get.second),
    weekday: get.weekday ?? '',
  };
}

/** How far the zone's wall clock is ahead of UTC at an instant, in ms. */
function offsetAt(zone: string, ms: number): number {
  const p = partsAt(zone, ms);
  const wall = Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
  return wall - Math.floor(ms / 1000) * 1000;
}

/**
 * The instant a wall-clock minute in the zone is: the first of the two when clocks go back, and in a
 * spring-forward gap the instant the wall clock would show it had it not jumped (an hour on).
 */
export function instantOf(zone: string, t: LocalTime): number {
  const wall = Date.UTC(t.year, t.month - 1, t.day, t.hour, t.minute);
  const before = wall - offsetAt(zone, wall - 43_200_000);
  const after = wall - offsetAt(zone, wall + 43_200_000);
  const fits = [before, after].filter((at) => at + offsetAt(zone, at) === wall);
  return fits.length > 0 ? Math.min(...fits) : before;
}

/** The instant a date in the files is: `2026-12-01`, `2026-12-01T08:00` (in the zone) or with `Z`/an offset. */
export function parseDate(text: string, zone: string): number | ScheduleProblem {
  if (/(Z|[+-]\d{2}:\d{2})$/.test(text)) {
    const ms = Date.parse(text);
    if (/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2})?(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(ms))
      return ms;
    return { message: `"${text}" is not a date and time AWS can take`, offset: 0 };
  }
  const m = /^(\d{4}-\d{2}-\d{2})(?:T(\d{2}:\d{2}))?$/.exec(text);
  if (!m)
    return {
      message: `a date is yyyy-MM-dd or yyyy-MM-ddThh:mm (in the rule's time zone), or ends in Z or an offset; not "${text}"`,
      offset: 0,
    };
  const local = parseLocalTime(`${m[1]}T${m[2] ?? '00:00'}`);
  return 'message' in local ? local : instantOf(zone, local);
}

/** A schedule as the spec keeps it (spec.ts `schedule`). */
export interface Schedule {
  /** `cron(0 2 * * SUN)` or `at(2026-12-24T18:00)`. */
  readonly expression: string;
  readonly seconds: number;
  /** Absent for UTC. */
  readonly timezone?: string;
  readonly start?: number;
  readonly expire?: number;
}

const isoSeconds = (ms: number) => `${new Date(ms).toISOString().slice(0, 19)}Z`;

/** The spec's one line: `cron(0 2 * * SUN) for PT2H in Europe/Paris from … until …`. */
export function scheduleText(s: Schedule): string {
  return [
    `${s.expression} for ${isoDuration(s.seconds)}`,
    s.timezone !== undefined ? ` in ${s.timezone}` : '',
    s.start !== undefined ? ` from ${isoSeconds(s.start)}` : '',
    s.expire !== undefined ? ` until ${isoSeconds(s.expire)}` : '',
  ].join('');
}

/** The reverse of scheduleText; undefined for a line it did not write. */
export function parseScheduleText(text: string): Schedule | undefined {
  const m = /^((?:cron|at)\([^)]*\)) for (P\S+)(?: in (\S+))?(?: from (\S+))?(?: until (\S+))?$/.exec(text);
  const seconds = m ? parseDuration(m[2] as string) : undefined;
  if (!m || seconds === undefined) return undefined;
  return {
    expression: m[1] as string,
    seconds,
    ...(m[3] !== undefined ? { timezone: m[3] } : {}),
    ...(m[4] !== undefined ? { start: Date.parse(m[4]) } : {}),
    ...(m[5] !== undefined ? { expire: Date.parse(m[5]) } : {}),
  };
}

/** The trigger of an expression, or the problem (offset into the expression's inside). */
export function parseExpression(expression: string): Trigger | ScheduleProblem {
  const cron = /^cron\((.*)\)$/.exec(expression);
  if (cron) {
    const c = parseCron(cron[1] as string);
    return 'message' in c ? c : { type: 'cron', cron: c, fields: cron[1] as string };
  }
  const at = /^at\((.*)\)$/.exec(expression);
  if (at) {
    const local = parseLocalTime(at[1] as string);
    return 'message' in local ? local : { type: 'at', local };
  }
  return { message: `"${expression}" is neither cron(…) nor at(…)`, offset: 0 };
}

/**
 * An expression in the one form the files' build writes: `cron(…)` fields single-spaced and upper-case
 * (names), `at(…)` as is. Applied to AWS's answer as well, so spacing or case AWS might change does not
 * show as a difference.
 */
export function canonicalExpression(expression: string): string {
  const cron = /^\s*cron\((.*)\)\s*$/i.exec(expression);
  if (cron) return `cron(${(cron[1] as string).trim().split(/\s+/).join(' ').toUpperCase()})`;
  const at = /^\s*at\((.*)\)\s*$/i.exec(expression);
  return at ? `at(${(at[1] as string).trim()})` : expression;
}

/** How many days ahead a cron is searched: a rule for 29 February fires within 8 years. */
const SEARCH_DAYS = 366 * 8 + 2;

/** Window starts from `from` on (ascending), in effect between the rule's dates. */
export function* windowStarts(s: Schedule, from: number): Generator<number> {
  const trigger = parseExpression(s.expression);
  if ('message' in trigger) return;
  const zone = s.timezone ?? 'UTC';
  const inEffect = (t: number) => (s.start === undefined || t >= s.start) && (s.expire === undefined || t < s.expire);
  if (trigger.type === 'at') {
    const t = instantOf(zone, trigger.local);
    if (t >= from && inEffect(t)) yield t;
    return;
  }
  const c = trigger.cron;
  const hours = [...c.hours].sort((a, b) => a - b);
  const minutes = [...c.minutes].sort((a, b) => a - b);
  const first = partsAt(zone, Math.max(from, s.start ?? from) - 86_400_000);
  for (let i = 0; i < SEARCH_DAYS; i++) {
    const date = new Date(Date.UTC(first.year, first.month - 1, first.day + i));
    const [day, month, weekday] = [date.getUTCDate(), date.getUTCMonth() + 1, date.getUTCDay()];
    if (!c.months.has(month)) continue;
    // Standard cron: when both day fields are restricted, either one matching is enough.
    const dayOk =
      c.anyDay && c.anyWeekday
        ? true
        : c.anyDay
          ? c.weekdays.has(weekday)
          : c.anyWeekday
            ? c.days.has(day)
            : c.days.has(day) || c.weekdays.has(weekday);
    if (!dayOk) continue;
    for (const hour of hours)
      for (const minute of minutes) {
        const t = instantOf(zone, { year: date.getUTCFullYear(), month, day, hour, minute });
        if (s.expire !== undefined && t >= s.expire) return;
        if (t >= from && inEffect(t)) yield t;
      }
  }
}

/** Whether a window is open at `t`: one started at or before it, less than the duration ago. */
export function mutedAt(s: Schedule, t: number): boolean {
  for (const start of windowStarts(s, t - s.seconds * 1000 + 1)) return start <= t;
  return false;
}

/** The next `count` windows that have not ended by `now` (one open now included), as [start, end). */
export function nextWindows(s: Schedule, now: number, count: number): [number, number][] {
  const out: [number, number][] = [];
  for (const start of windowStarts(s, now - s.seconds * 1000 + 1)) {
    out.push([start, start + s.seconds * 1000]);
    if (out.length >= count) break;
  }
  return out;
}

const MONTH_NAMES = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** "Sun 13 Dec 02:00" in the zone, with the year when it is not `year`. */
function wall(zone: string, ms: number, year: number): { readonly date: string; readonly time: string } {
  const p = partsAt(zone, ms);
  const y = p.year === year ? '' : ` ${p.year}`;
  const pad = (n: number) => String(n).padStart(2, '0');
  return { date: `${p.weekday} ${p.day} ${MONTH_NAMES[p.month - 1]}${y}`, time: `${pad(p.hour)}:${pad(p.minute)}` };
}

/** One window as people read it: "Sun 13 Dec 02:00–04:00", "Fri 18 Dec 18:00 – Mon 21 Dec 06:00". */
export function windowText(zone: string, [start, end]: [number, number], now: number): string {
  const year = partsAt(zone, now).year;
  const a = wall(zone, start, year);
  // A window ending at midnight ends that day, as people say it ("22:00–24:00").
  const b = wall(zone, end, year);
  if (a.date === b.date) return `${a.date} ${a.time}–${b.time}`;
  const endsAtMidnight = b.time === '00:00' && wall(zone, end - 60_000, year).date === a.date;
  return endsAtMidnight ? `${a.date} ${a.time}–24:00` : `${a.date} ${a.time} – ${b.date} ${b.time}`;
}

/** "next: Sun 13 Dec 02:00–04:00, Sun 20 Dec 02:00–04:00, Sun 27 Dec 02:00–04:00 Europe/Paris". */
export function nextWindowsText(s: Schedule, now: number, count = 3): string {
  const zone = s.timezone ?? 'UTC';
  const windows = nextWindows(s, now, count);
  if (windows.length === 0) return 'next: none (every window has passed or the rule has expired)';
  const open = windows[0] !== undefined && windows[0][0] <= now ? ' (the first is open now)' : '';
  return `next: ${windows.map((w) => windowText(zone, w, now)).join(', ')} ${zone}${open}`;
}
