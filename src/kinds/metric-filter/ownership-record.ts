/**
 * Who owns a metric filter adopted under its own AWS name (`awsName:`). Filters cannot be tagged, and
 * such a name carries no stack, so ownership is recorded apart from the filter: each stack keeps the
 * marks of the filters it adopted in SSM parameters under one root shared by every stack, so one
 * paged read tells a plan which stack claims which filter. See docs/format.md ("Adopting a metric filter made by hand") for the choice.
 *
 * This module is the pure part: parameter names, the mark of a filter, and the value format.
 */
import { createHash } from 'crypto';
import { MonitorsError } from '../../model/errors';

/**
 * The root of every stack's record. The underscore keeps it apart from the stacks' own paths under
 * /monitors/ (the apply lock is /monitors/<stack>/lock): a stack name starts with a letter.
 */
export const RECORD_ROOT = '/monitors/_adopted-filters';

/** SSM's limit on a standard parameter's value, in characters. */
export const MAX_VALUE_LENGTH = 4096;

/** Marks are this many hex digits of a SHA-256: 64 bits, so a collision in one region is not a concern. */
const MARK_LENGTH = 16;
const VERSION = 'v1';

/** How many marks one parameter holds: "v1" then " <mark>" each, within the value limit. */
export const MARKS_PER_PARAMETER = Math.floor((MAX_VALUE_LENGTH - VERSION.length) / (MARK_LENGTH + 1));

const MARK = new RegExp(`^[0-9a-f]{${MARK_LENGTH}}$`);

/** The mark of a filter: its log group and name, hashed (names can be 512 characters each). */
export function filterMark(logGroupName: string, filterName: string): string {
  return createHash('sha256').update(`${logGroupName}\u0000${filterName}`).digest('hex').slice(0, MARK_LENGTH);
}

/** The path under which a stack's record parameters live. */
export function recordPath(stack: string): string {
  return `${RECORD_ROOT}/${stack}`;
}

/** The names of a stack's record parameters, 1..count. */
export function recordParameterName(stack: string, index: number): string {
  return `${recordPath(stack)}/${index}`;
}

/**
 * The stack a record parameter belongs to, from its name; undefined for a name that is not one
 * (anything else someone put under the root is ignored, not trusted).
 */
export function recordStackOf(parameterName: string): string | undefined {
  const m = /^\/monitors\/_adopted-filters\/([a-z][a-z0-9-]{0,62})\/([1-9][0-9]{0,4})$/.exec(parameterName);
  return m?.[1];
}

/** The values of a record holding these marks: sorted, MARKS_PER_PARAMETER each; none when empty. */
export function encodeRecord(marks: Iterable<string>): string[] {
  const sorted = [...new Set(marks)].sort();
  for (const m of sorted) if (!MARK.test(m)) throw new MonitorsError('INTERNAL', `not a filter mark: ${m}`, 'internal');
  const out: string[] = [];
  for (let i = 0; i < sorted.length; i += MARKS_PER_PARAMETER)
    out.push([VERSION, ...sorted.slice(i, i + MARKS_PER_PARAMETER)].join(' '));
  return out;
}

/**
 * The marks in one record parameter's value. A value from a later format is refused rather than
 * guessed at: misreading it could hand the stack a filter it does not own, or drop one it does.
 * Tokens that are not marks are ignored (a value edited by hand cannot claim anything by them).
 */
export function decodeRecord(parameterName: string, value: string): string[] {
  const [version, ...tokens] = value.split(' ');
  if (version !== VERSION)
    throw new MonitorsError(
      'AWS_SERVICE',
      `SSM parameter ${parameterName} is not a metric-filter ownership record this version of monitors can read (it starts with ${JSON.stringify((version ?? '').slice(0, 10))}, not "${VERSION}"); upgrade monitors`,
    );
  return tokens.filter((t) => MARK.test(t));
}
