/**
 * The `%regex%` subset AWS accepts in filter patterns. AWS documents an allow-list: ASCII letters and
 * digits, the symbols `: _ # = @ / ; , -`, and the operators `^ $ ? [ ] { } | \ * + .`; parentheses
 * and multi-byte characters are rejected. Everything else (`!`, `(`, a tab) makes PutMetricFilter
 * fail, so we reject it here with the reason rather than let JavaScript's richer syntax accept it.
 *
 * Accepted regexes run in RE2JS (a port of RE2), never in JavaScript's backtracking RegExp: a pattern
 * comes from a pull request and runs over real log events, so `%a*a*a*a*a*a*a*b%` on a line of a's
 * must take time linear in the line, not exponential (issue 20).
 */
import { RE2JS, RE2JSException } from 're2js';

export const MAX_REGEX_TERMS = 2;

/**
 * The listed symbols, and a space: the list omits it, but the same page's own example
 * `%^starting|^initializing|^shutting down%` has one (and `%.at%` is said to match " at"). The
 * documented example is what the service accepts, so a space is allowed (corpus case
 * regex-space-in-alternation says why).
 */
const SYMBOLS = new Set([':', '_', '#', '=', '@', '/', ';', ',', '-', ' ']);
const OPERATORS = new Set(['^', '$', '?', '[', ']', '{', '}', '|', '\\', '*', '+', '.']);

/** A compiled `%regex%`: whether it occurs anywhere in a text, in time linear in the text's length. */
export interface LinearRegex {
  test(text: string): boolean;
}

export type RegexCheck = { ok: true; regex: LinearRegex } | { ok: false; message: string; offset: number };

function allowedChar(ch: string): boolean {
  return /^[A-Za-z0-9]$/.test(ch) || SYMBOLS.has(ch) || OPERATORS.has(ch);
}

/** Checks `source` (the text between the percent signs) and compiles it; offsets are into `source`. */
export function compileRegex(source: string): RegexCheck {
  if (source === '') return { ok: false, message: 'empty %% regex term', offset: 0 };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i] as string;
    if (ch === '(' || ch === ')')
      return {
        ok: false,
        offset: i,
        message: `"${ch}" in a regex: AWS does not support parentheses (sub-patterns) in filter pattern regex`,
      };
    if (ch.charCodeAt(0) > 0x7f)
      return { ok: false, offset: i, message: 'multi-byte characters are not supported in filter pattern regex' };
    if (ch === '\\') {
      const next = source[i + 1];
      if (next === undefined) return { ok: false, offset: i, message: 'regex ends with a lone backslash' };
      // AWS's list is of characters, so `\` may precede any listed character (`\.`, `\d`, `\-`).
      if (!allowedChar(next))
        return {
          ok: false,
          offset: i + 1,
          message: `"\\${next}": "${next}" is not supported in filter pattern regex, escaped or not`,
        };
      i++;
      continue;
    }
    if (!allowedChar(ch))
      return {
        ok: false,
        offset: i,
        message: `${/\s/.test(ch) ? 'a tab or line break' : `"${ch}"`} is not supported in filter pattern regex (AWS allows letters, digits, : _ # = @ / ; , - and ^ $ ? [ ] { } | \\ * + . and a space${/\s/.test(ch) ? '; use \\s for any whitespace' : ''})`,
      };
  }
  try {
    const compiled = RE2JS.compile(source);
    return { ok: true, regex: { test: (text) => compiled.test(text) } };
  } catch (e) {
    if (!(e instanceof RE2JSException)) throw e;
    // RE2 refuses what JavaScript would quietly reinterpret: `\1` (a back-reference), `\y`, `a{2000}`.
    const reason = e.message.replace(/^error parsing regexp: /, '');
    // RE2 quotes the offending piece (`\1`); point at it when it occurs in the source.
    const piece = /`([^`]+)`$/.exec(reason)?.[1];
    const at = piece === undefined ? -1 : source.indexOf(piece);
    return { ok: false, offset: Math.max(at, 0), message: `invalid regex: ${reason}` };
  }
}
