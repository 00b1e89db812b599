/**
 * The `%regex%` subset AWS accepts in filter patterns. AWS documents an allow-list: ASCII letters and
 * digits, the symbols `: _ # = @ / ; , -`, and the operators `^ $ ? [ ] { } | \ * + .`; parentheses
 * and multi-byte characters are rejected. Everything else (a space, `!`, `(`) makes PutMetricFilter
 * fail, so we reject it here with the reason rather than let JavaScript's richer syntax accept it.
 */

export const MAX_REGEX_TERMS = 2;

const SYMBOLS = new Set([':', '_', '#', '=', '@', '/', ';', ',', '-']);
const OPERATORS = new Set(['^', '$', '?', '[', ']', '{', '}', '|', '\\', '*', '+', '.']);

export type RegexCheck = { ok: true; regex: RegExp } | { ok: false; message: string; offset: number };

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
          message: `"\\${next}": ${next === ' ' ? 'a space' : `"${next}"`} is not supported in filter pattern regex, escaped or not`,
        };
      i++;
      continue;
    }
    if (!allowedChar(ch))
      return {
        ok: false,
        offset: i,
        message: `${ch === ' ' ? 'a space' : `"${ch}"`} is not supported in filter pattern regex (AWS allows letters, digits, : _ # = @ / ; , - and ^ $ ? [ ] { } | \\ * + .${ch === ' ' ? '; use \\s for whitespace' : ''})`,
      };
  }
  try {
    return { ok: true, regex: new RegExp(source) };
  } catch (e) {
    return {
      ok: false,
      offset: 0,
      message: `invalid regex: ${(e as Error).message.replace(/^Invalid regular expression: /, '')}`,
    };
  }
}
