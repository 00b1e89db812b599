import type { Node } from 'yaml';
import { isMap, isPair, isScalar, isSeq } from './yaml-lib';
import { PROSE_KEYS } from '../kinds/forms';
import { excerpt, type Diagnostic } from '../model';
import { locationOf, type SourceFile } from './source';

// Never accepted: C0 controls but tab and newline, DEL, C1 controls, bidi controls, zero-width and BOM.
// eslint-disable-next-line no-control-regex
const FORBIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200b-\u200f\u2028-\u202e\u2060-\u2069\ufeff]/;
const LINE_BREAK = /[\t\n\r]/;

function codePoint(c: string): string {
  return `U+${(c.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Values AWS would reject or that would corrupt later runs, found before anything else reads them:
 * control, bidirectional and invisible characters in any key or value (a terminal escape, a forged
 * line, text that reads differently than it is); tabs and line breaks outside prose fields (names,
 * tags, dimensions are one line); numbers that are not finite (`.nan`, `.inf`, `1e400`), which
 * AWS stores and then returns as bare NaN that no later read can parse.
 */
export function textDiagnostics(src: SourceFile): Diagnostic[] {
  const out: Diagnostic[] = [];
  const report = (node: Node, message: string) =>
    out.push({ severity: 'error', code: 'SCHEMA', message, location: locationOf(src, node) });
  const check = (node: unknown, key: string | undefined, proseAllowed: boolean) => {
    if (isScalar(node)) {
      const v = node.value;
      if (typeof v === 'number' && !Number.isFinite(v))
        report(node, `${key ?? 'value'} must be a finite number, got ${String(v)}`);
      if (typeof v !== 'string') return;
      const bad = FORBIDDEN.exec(v);
      if (bad)
        report(
          node,
          `${key ?? 'value'} contains the control or invisible character ${codePoint(bad[0])}, which AWS rejects or which would hide what the text says: remove it`,
        );
      else if (!proseAllowed && LINE_BREAK.test(v))
        report(
          node,
          `${key ?? 'value'} ${excerpt(v)} contains a tab or line break; names, tags and references are one line`,
        );
    } else if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair)) continue;
        const k = isScalar(pair.key) ? String(pair.key.value) : undefined;
        check(pair.key, 'a key', false);
        check(pair.value, k, proseAllowed || (k !== undefined && PROSE_KEYS.has(k)));
      }
    } else if (isSeq(node)) {
      for (const item of node.items) check(item, key, proseAllowed);
    }
  };
  check(src.doc.contents, undefined, false);
  return out;
}
