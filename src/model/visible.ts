/**
 * Text from files and from AWS, made safe to print: terminal escape sequences removed, and control,
 * bidirectional and invisible characters shown as `\uXXXX`, so a name can neither recolour or clear
 * a terminal, nor reorder what a reviewer reads, nor start a new line.
 */

// CSI (ESC [ … final byte), OSC (ESC ] … BEL or ESC \), and two-byte ESC sequences.
const TERMINAL_ESCAPE =
  // eslint-disable-next-line no-control-regex
  /\u001b\[[0-?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)?|\u001b[@-Z\\-_]|\u009b[0-?]*[ -/]*[@-~]/g;
// C0 and C1 controls, DEL, bidi embeddings/overrides/isolates/marks, zero-width characters, line/paragraph separators, BOM.
// eslint-disable-next-line no-control-regex
const INVISIBLE = /[\u0000-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/g;

/** The text with escapes removed and every control or bidi character spelled out. */
export function visible(text: string): string {
  return text
    .replace(TERMINAL_ESCAPE, '')
    .replace(INVISIBLE, (c) => `\\u${(c.codePointAt(0) ?? 0).toString(16).padStart(4, '0')}`);
}

/**
 * A message made safe line by line: the line breaks it means (a list of what was left out, an SDK's
 * multi-line message) stay real lines, every other control or bidi character is spelled out. Values
 * quoted in messages go through `excerpt`, which spells their own line breaks out.
 */
export function visibleLines(text: string): string {
  return text.split(/\r?\n/).map(visible).join('\n');
}

/** True when the text holds a character `visible` would spell out. */
export function hasInvisible(text: string): boolean {
  INVISIBLE.lastIndex = 0;
  return INVISIBLE.test(text);
}

/** Longest excerpt of a value an error message may quote. */
export const EXCERPT_LIMIT = 40;

/** A value as an error message may quote it: JSON-quoted, spelled out, and cut to a short excerpt. */
export function excerpt(value: unknown, limit = EXCERPT_LIMIT): string {
  const text = typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value));
  const cut = [...text];
  const shown = cut.length > limit ? `${cut.slice(0, limit).join('')}…` : text;
  const quoted = visible(JSON.stringify(shown).slice(1, -1));
  const more = cut.length > limit ? ` (${cut.length} characters)` : '';
  return `"${quoted}"${more}`;
}

// A GitHub Actions workflow command (`::set-output`, `::stop-commands::`, `::add-mask::`) or a legacy
// `##[` one, at the start of a line (the runner trims the line first).
const WORKFLOW_COMMAND = /^([ \t]*)(::|##\[)/gm;

/**
 * The text with every line that a GitHub runner would take as a workflow command broken up
 * (`::` becomes `: :`, `##[` becomes `# #[`): a description or a name printed in a job's log must
 * never stop the runner's command processing, set an output or mask a value.
 */
export function neutralised(text: string): string {
  return text.replace(
    WORKFLOW_COMMAND,
    (_m, indent: string, cmd: string) => `${indent}${cmd === '::' ? ': :' : '# #['}`,
  );
}

/** The same, for a text written in pieces: whether the next piece starts a line is carried over. */
export function neutraliser(): (piece: string) => string {
  let atLineStart = true;
  return (piece) => {
    if (piece === '') return piece;
    // A piece that continues a line cannot start a command at its own start: shield it with a marker.
    const out = atLineStart ? neutralised(piece) : neutralised(`x${piece}`).slice(1);
    atLineStart = piece.endsWith('\n');
    return out;
  };
}
