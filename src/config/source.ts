import { promises as fs } from 'fs';
import * as path from 'path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import type { Diagnostic, SourceLocation } from '../model';

/** One parsed YAML file, kept with what maps nodes back to line and column. */
export interface SourceFile {
  /** Path as shown to people: relative to the working directory. */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
}

/** The folder of a stack that holds its rule tests (`monitors test`), not monitors files. */
export const TESTS_DIR = 'tests';

/** Every *.yaml / *.yml file under dir, recursively, in a stable order; the stack's tests/ folder is not monitors files. */
export async function findYamlFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const full = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && e.name !== 'node_modules' && !(d === dir && e.name === TESTS_DIR))
          await walk(full);
      } else if (/\.ya?ml$/i.test(e.name)) out.push(full);
    }
  };
  await walk(dir);
  return out;
}

/** The 1-based line and column of a character offset. */
export function locationAt(src: SourceFile, offset: number): SourceLocation {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, line, column: col };
}

/** Where a node starts. */
export function locationOf(src: SourceFile, node: Node | null | undefined): SourceLocation {
  return locationAt(src, node?.range?.[0] ?? 0);
}

/** Parses one file; YAML errors (syntax, tabs, duplicate keys) become diagnostics. */
export async function parseFile(filePath: string): Promise<{ source: SourceFile; errors: Diagnostic[] }> {
  const text = await fs.readFile(filePath, 'utf8');
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: SourceFile = { file: path.relative(process.cwd(), filePath) || filePath, doc, lines };
  const errors: Diagnostic[] = doc.errors.map((e) => ({
    severity: 'error',
    code: 'YAML_SYNTAX',
    message: yamlMessage(e.code, e.message),
    location: locationAt(source, e.pos[0]),
  }));
  return { source, errors };
}

function yamlMessage(code: string, message: string): string {
  const first = message.split('\n')[0] ?? message;
  if (code === 'DUPLICATE_KEY') return `${first}: each key may appear once in a mapping`;
  if (code === 'TAB_AS_INDENT') return 'tabs are not allowed for indentation in YAML: indent with spaces';
  return `invalid YAML: ${first}`;
}

/** A step of a JSON path: a mapping key or a sequence index. */
export type PathSegment = string | number;

/** The node at a JSON path, and the key node when the last step is a mapping key. */
export function nodeAtPath(src: SourceFile, segments: readonly PathSegment[]): { node?: Node; key?: Node } {
  let node: unknown = src.doc.contents;
  let key: Node | undefined;
  for (const seg of segments) {
    key = undefined;
    if (isMap(node)) {
      const pair = node.items.find((p) => isPair(p) && isScalar(p.key) && String(p.key.value) === String(seg));
      if (!pair) return { node: node as Node };
      key = pair.key as Node;
      node = pair.value ?? pair.key;
    } else if (isSeq(node) && typeof seg === 'number') {
      const item = node.items[seg];
      if (item === undefined) return { node: node as Node };
      node = item;
    } else return { node: node as Node };
  }
  return { node: node as Node, key };
}

/** Where the value at a path is (or its nearest existing ancestor). */
export function locate(src: SourceFile, segments: readonly PathSegment[]): SourceLocation {
  return locationOf(src, nodeAtPath(src, segments).node);
}

/** Where the key at the end of a path is (for unknown keys). */
export function locateKey(src: SourceFile, segments: readonly PathSegment[]): SourceLocation {
  const { node, key } = nodeAtPath(src, segments);
  return locationOf(src, key ?? node);
}
