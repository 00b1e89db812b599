/**
 * A key indented deeper than the key above it, when that key already has a value on its line
 * ("namespace: AWS/EC2" then "  name: x" two spaces in), makes the yaml parser report two errors at the
 * value of the line above ("Nested mappings are not allowed in compact mappings", "Implicit keys need
 * to be on a single line"). Both describe one mistake, on the next line: this finds that line.
 */

/** The parser codes an over-indented key gives. */
const INDENT_CODES: ReadonlySet<string> = new Set(['BLOCK_AS_IMPLICIT_KEY', 'MULTILINE_IMPLICIT_KEY', 'BAD_INDENT']);

/** What to report for an over-indented key: where it starts, the message, and the parser errors it replaces. */
export interface OverIndentedKey {
  readonly offset: number;
  readonly message: string;
  /** The parser errors (by their first offset) this one diagnostic stands for. */
  readonly replaces: (error: { readonly code: string; readonly pos: readonly [number, number] }) => boolean;
}

/** The over-indented key behind a parser error, when there is one; undefined for any other error. */
export function overIndentedKey(
  text: string,
  error: { readonly code: string; readonly pos: readonly [number, number] },
): OverIndentedKey | undefined {
  if (!INDENT_CODES.has(error.code)) return undefined;
  let lineStart = text.lastIndexOf('\n', error.pos[0] - 1) + 1;
  // The parser may point at a blank or comment line between the two keys: the key above is further up.
  while (lineStart > 0 && /^[ ]*(#.*)?\r?$/.test(text.slice(lineStart, text.indexOf('\n', lineStart))))
    lineStart = text.lastIndexOf('\n', lineStart - 2) + 1;
  const lineEnd = text.indexOf('\n', lineStart);
  if (lineEnd < 0) return undefined;
  // The column the key of the line above starts at, after the dashes of sequence items.
  const keyColumn = /^[ ]*(?:-[ ]+)*/.exec(text.slice(lineStart, lineEnd))?.[0].length ?? 0;
  let next = lineEnd + 1;
  while (next < text.length) {
    const end = text.indexOf('\n', next) < 0 ? text.length : text.indexOf('\n', next);
    const line = text.slice(next, end);
    if (/^[ ]*(#.*)?\r?$/.test(line)) {
      next = end + 1;
      continue;
    }
    const indent = /^[ ]*/.exec(line)?.[0].length ?? 0;
    if (indent <= keyColumn || !/^[ ]*[^\s#-][^:]*:(\s|$)/.test(line)) return undefined;
    const aboveLine = text.slice(0, lineStart).split('\n').length;
    return {
      offset: next + indent,
      message:
        `this key is indented more than the key on line ${aboveLine}, which has a value already; ` +
        `hint: start it in column ${keyColumn + 1} like that key (or, to nest it, leave that key's value empty)`,
      replaces: (e) => INDENT_CODES.has(e.code) && e.pos[0] >= lineStart && e.pos[0] <= end,
    };
  }
  return undefined;
}
