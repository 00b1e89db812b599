/**
 * YAML that parses but would hang or crash the loader: flow collections nested thousands deep (the
 * parser and every walk over the tree recurse), aliases to anchors never set, and alias bombs
 * ("billion laughs": a few lines that expand to billions of nodes). Each is a diagnostic at its
 * place, found before the document is expanded; none is an internal error.
 */
import type { Document, LineCounter } from 'yaml';
import type { Diagnostic } from '../model';
import { yamlLib } from './yaml-lib';

/** Deeper flow nesting than any monitors file needs (a dashboard widget is a handful of levels). */
export const MAX_FLOW_DEPTH = 64;
/** Alias expansions allowed while building the data: enough for anchors shared by hand, never a bomb. */
export const MAX_ALIAS_COUNT = 100;

/** Where flow collections first nest deeper than MAX_FLOW_DEPTH, as a character offset; quoted text and comments skipped. */
export function tooDeepAt(text: string): number | undefined {
  let depth = 0;
  let quote: string | undefined;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote || c === '\n') quote = undefined;
      continue;
    }
    if (c === '"' || c === "'") quote = c;
    else if (c === '#' && (i === 0 || /\s/.test(text[i - 1] ?? ''))) {
      const end = text.indexOf('\n', i);
      i = end < 0 ? text.length : end;
    } else if (c === '[' || c === '{') {
      if (++depth > MAX_FLOW_DEPTH) return i;
    } else if (c === ']' || c === '}') depth = Math.max(0, depth - 1);
  }
  return undefined;
}

type At = (offset: number) => Diagnostic['location'];

/** The text's nesting hazard, before it is parsed. */
export function depthHazard(
  text: string,
  at: (offset: number) => { line: number; column: number },
  file: string,
): Diagnostic | undefined {
  const offset = tooDeepAt(text);
  if (offset === undefined) return undefined;
  return {
    severity: 'error',
    code: 'YAML_SYNTAX',
    message: `brackets nest more than ${MAX_FLOW_DEPTH} deep here: no monitors file needs that; write the structure flatter`,
    location: { file, ...at(offset) },
  };
}

/** The parsed document's alias hazards: an alias to no anchor, or aliases that expand too far. */
export function aliasHazards(doc: Document.Parsed, lines: LineCounter, file: string): Diagnostic[] {
  const { visit, isAlias } = yamlLib();
  const at: At = (offset) => {
    const { line, col } = lines.linePos(offset);
    return { file, line, column: col };
  };
  const out: Diagnostic[] = [];
  let first: number | undefined;
  visit(doc, {
    Alias(_key, node) {
      first ??= node.range?.[0] ?? 0;
      if (isAlias(node) && node.resolve(doc) === undefined)
        out.push({
          severity: 'error',
          code: 'YAML_SYNTAX',
          message: `the alias *${node.source} names no anchor set before it (&${node.source}): set the anchor first, or write the value out`,
          location: at(node.range?.[0] ?? 0),
        });
    },
  });
  if (out.length > 0 || first === undefined) return out;
  try {
    doc.toJS({ maxAliasCount: MAX_ALIAS_COUNT });
  } catch {
    out.push({
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: `aliases here expand to more than ${MAX_ALIAS_COUNT} copies (an alias bomb): write the values out, or use fewer aliases`,
      location: at(first),
    });
  }
  return out;
}
