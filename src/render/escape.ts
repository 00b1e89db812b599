import { visible } from '../model';

const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Text from files or AWS as GitHub markdown shows it literally: spelled-out controls (no new line,
 * so no forged `Plan:` line or heading), HTML escaped (no `</summary><img>`), and markdown's own
 * punctuation backslash-escaped (no links, emphasis, tables or code spans).
 */
export function mdText(text: string): string {
  return visible(text)
    .replace(/[&<>]/g, (c) => HTML[c] ?? c)
    .replace(/[\\`*_[\]|~]/g, (c) => `\\${c}`);
}

/** Text to put inside an HTML <code> element: entities for everything markup or markdown could read. */
export function mdCodeText(text: string): string {
  return visible(text)
    .replace(/[&<>"']/g, (c) => HTML[c] ?? c)
    .replace(/[`|\\*_~[\]]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * Text as inline code: a code span when nothing in it can end the span or a table cell or look
 * like markup, otherwise an HTML <code> element with entities.
 */
export function mdCode(text: string): string {
  const shown = visible(text);
  return /[`|<>&]/.test(shown) ? `<code>${mdCodeText(text)}</code>` : `\`${shown}\``;
}

/** A code fence longer than any run of backticks in the lines, so none of them can close it. */
export function fenceFor(lines: readonly string[]): string {
  const longest = Math.max(0, ...lines.map((l) => Math.max(0, ...[...l.matchAll(/`+/g)].map((m) => m[0].length))));
  return '`'.repeat(Math.max(3, longest + 1));
}
