import type { CST } from 'yaml';
import { yamlLib } from './yaml-lib';

/** A quote or flow bracket that is never closed, and where it opens. */
export interface UnclosedOpener {
  readonly char: '"' | "'" | '[' | '{';
  readonly offset: number;
}

const CLOSER = { '[': ']', '{': '}' } as const;

function quoteClosed(source: string): boolean {
  const quote = source[0];
  const body = source.slice(1);
  if (quote === "'") return body.replace(/''/g, '').includes("'");
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '\\') i++;
    else if (body[i] === '"') return true;
  }
  return false;
}

/**
 * Every opener the file never closes, found on yaml's concrete syntax tree. The parser's own error
 * sits where it gave up (often the end of the file); the opener is where the person has to look.
 */
export function unclosedOpeners(text: string): UnclosedOpener[] {
  const found: UnclosedOpener[] = [];
  const walk = (token: CST.Token | undefined): void => {
    if (!token) return;
    switch (token.type) {
      case 'document':
        return walk(token.value);
      case 'block-map':
      case 'block-seq':
        for (const item of token.items) {
          walk('key' in item ? (item.key ?? undefined) : undefined);
          walk(item.value);
        }
        return;
      case 'flow-collection': {
        const open = token.start.source as '[' | '{';
        if (!token.end.some((t) => t.source === CLOSER[open])) found.push({ char: open, offset: token.offset });
        for (const item of token.items) {
          walk(item.key ?? undefined);
          walk(item.value);
        }
        return;
      }
      case 'double-quoted-scalar':
      case 'single-quoted-scalar':
        if (!quoteClosed(token.source)) found.push({ char: token.source[0] as '"' | "'", offset: token.offset });
        return;
      default:
        return;
    }
  };
  for (const token of new (yamlLib().Parser)().parse(text)) walk(token);
  return found;
}

/** Which opener a yaml error is about, from its message; undefined when it is about something else. */
export function openerOfError(message: string): UnclosedOpener['char'] | undefined {
  if (/closing "quote/.test(message)) return '"';
  if (/closing 'quote/.test(message)) return "'";
  if (/^Flow sequence/.test(message)) return '[';
  if (/^Flow map/.test(message)) return '{';
  return undefined;
}

/** The innermost unclosed opener of that kind before the error: the one the error is about. */
export function openerBefore(
  openers: readonly UnclosedOpener[],
  char: UnclosedOpener['char'],
  errorOffset: number,
): UnclosedOpener | undefined {
  return openers.filter((o) => o.char === char && o.offset < errorOffset).sort((a, b) => b.offset - a.offset)[0];
}

/** What to tell the person about an opener never closed. */
export function unclosedMessage(char: UnclosedOpener['char']): string {
  switch (char) {
    case '"':
    case "'":
      return `invalid YAML: the ${char} quote opened here is never closed: add the closing ${char}`;
    case '[':
      return 'invalid YAML: the [ opened here is never closed: end the list with ] (continuation lines must be indented more than the key)';
    case '{':
      return 'invalid YAML: the { opened here is never closed: end the mapping with } (continuation lines must be indented more than the key)';
  }
}
