/**
 * The forms of a detector's configuration, on both sides: excluded time ranges as ISO 8601 in UTC to
 * the second (AWS keeps seconds), the time zone as an IANA name, the statistic as AWS accepts it.
 */

/** A date (midnight UTC) or a date and time with `Z` or an offset; a time without a zone is ambiguous. */
const ISO = /^\d{4}-\d{2}-\d{2}(?:[Tt ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:[Zz]|[+-]\d{2}:?\d{2}))?$/;

/** The instant as `YYYY-MM-DDTHH:MM:SSZ`. */
export function isoSeconds(ms: number): string {
  return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
}

/** A date from the files as the normalized form, or why it is not one. */
export function parseRangeTime(text: string): { readonly iso: string } | { readonly problem: string } {
  if (!ISO.test(text))
    return {
      problem: `${JSON.stringify(text.slice(0, 40))} is not an ISO 8601 date (2026-11-27) or date and time with a zone (2026-11-27T06:00:00Z)`,
    };
  const ms = Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text);
  if (Number.isNaN(ms)) return { problem: `${JSON.stringify(text.slice(0, 40))} is not a date that exists` };
  // Date.parse rolls 2026-02-30 over to March: the day must read back as written.
  if (text.slice(0, 10) !== new Date(ms + offsetMs(text)).toISOString().slice(0, 10))
    return { problem: `${JSON.stringify(text.slice(0, 40))} is not a date that exists` };
  return { iso: isoSeconds(ms) };
}

function offsetMs(text: string): number {
  const m = /([+-])(\d{2}):?(\d{2})$/.exec(text.length > 10 ? text : '');
  if (!m) return 0;
  const sign = m[1] === '-' ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3])) * 60_000;
}

/** Whether the runtime knows the IANA time zone (AWS takes the same names). */
export function knownTimezone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: tz });
    return /^[A-Za-z][A-Za-z0-9_+\-/]*$/.test(tz);
  } catch {
    return false;
  }
}

/** The zones to suggest from for a misspelt one. */
export function timezoneNames(): readonly string[] {
  return [...Intl.supportedValuesOf('timeZone'), 'UTC'];
}

/** UTC, written any of its usual ways, is AWS's default: kept as absent on both sides. */
export function normalTimezone(tz: string | undefined): string | undefined {
  return tz === undefined || tz === '' || tz === 'UTC' || tz === 'Etc/UTC' ? undefined : tz;
}

const PCT = String.raw`(?:\d{1,2}(?:\.\d{1,10})?|100)`;
/**
 * The statistics a detector takes: the five basic ones, IQM, percentiles and the trimmed and
 * winsorized forms (pNN, tmNN, TM(10%:90%), PR(:300), …), as the PutAnomalyDetector reference lists them.
 */
const STAT = new RegExp(
  String.raw`^(?:SampleCount|Average|Sum|Minimum|Maximum|IQM|(?:p|tc|tm|ts|wm)${PCT}|(?:TM|TC|TS|WM)\((?:${PCT}%)?:(?:${PCT}%)?\)|(?:TM|TC|TS|WM|PR)\((?:\d+(?:\.\d+)?)?:(?:\d+(?:\.\d+)?)?\))$`,
);

/** Whether AWS takes this statistic for a detector. */
export function validStat(stat: string): boolean {
  return STAT.test(stat) && !/\(:\)$/.test(stat);
}
