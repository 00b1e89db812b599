import { createHash } from 'crypto';
import { constants as fsConstants, promises as fs } from 'fs';
import * as path from 'path';
import { isMap, isPair, isScalar, isSeq, LineCounter, parseDocument, type Document, type Node } from 'yaml';
import { MonitorsError, formatDiagnostic, visible, type Diagnostic, type SourceLocation } from '../model';
import { openerBefore, openerOfError, unclosedMessage, unclosedOpeners } from './yaml-openers';

/** One parsed YAML file, kept with what maps nodes back to line and column. */
export interface SourceFile {
  /** Path as shown to people: under the stack directory as the user gave it. */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** sha256 (hex) of the bytes read: a saved plan records it to tell whether the file changed since. */
  readonly sha256: string;
}

/** The folder of a stack that holds its rule tests (`monitors test`), not monitors files. */
export const TESTS_DIR = 'tests';

/** Largest file read; a monitors file is a few kilobytes, and an error must never echo a huge one. */
export const MAX_FILE_BYTES = 1024 * 1024;

// Folders that never hold a stack's files and may be huge or hostile: dependencies, VCS metadata, dot-folders.
const SKIPPED_DIRS = new Set(['node_modules']);

/** A file the walk found but must not read, with the reason (never its content). */
export interface RejectedFile {
  readonly file: string;
  readonly reason: string;
}

/** What a walk of the stack directory found. */
export interface FoundFiles {
  /** Paths as shown to people. */
  readonly files: string[];
  /** The resolved path each shown path was checked at: the one to open. */
  readonly real: ReadonlyMap<string, string>;
  readonly rejected: RejectedFile[];
}

/**
 * Every *.yaml / *.yml file under dir, recursively, in a stable order, as paths under `dir` as the
 * user gave it. Only regular files inside the directory are taken: a YAML-named symlink that
 * resolves outside it (to /proc/self/environ, to /etc/shadow), a FIFO, socket or device is
 * rejected by name. Symlinked folders are not followed; dot-folders, node_modules and the stack's
 * own tests/ folder (rule tests, see TESTS_DIR) are skipped.
 * A missing directory, or a file given instead of one, is a plain sentence.
 */
export async function findYamlFiles(dir: string): Promise<FoundFiles> {
  const stat = await fs.stat(dir).catch(() => undefined);
  if (!stat) throw new MonitorsError('NO_FILES', `the stack directory ${dir} does not exist`);
  if (!stat.isDirectory())
    throw new MonitorsError(
      'NO_FILES',
      `${dir} is a file, not a directory: give the folder that holds the monitors files`,
    );
  const root = await fs.realpath(dir);
  const files: string[] = [];
  const real = new Map<string, string>();
  const rejected: RejectedFile[] = [];
  const walk = async (d: string) => {
    const entries = await fs.readdir(d, { withFileTypes: true });
    for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      const shown = path.join(d, e.name);
      if (e.isDirectory()) {
        if (!e.name.startsWith('.') && !SKIPPED_DIRS.has(e.name) && !(d === dir && e.name === TESTS_DIR))
          await walk(shown);
        continue;
      }
      if (!/\.ya?ml$/i.test(e.name)) continue;
      const checked = await refusal(shown, root);
      if ('reason' in checked) rejected.push({ file: shown, reason: checked.reason });
      else {
        files.push(shown);
        real.set(shown, checked.real);
      }
    }
  };
  await walk(dir);
  return { files, real, rejected };
}

function inside(root: string, target: string): boolean {
  const rel = path.relative(root, target);
  return rel !== '' && !rel.startsWith('..') && !path.isAbsolute(rel);
}

/** Why a YAML-named entry must not be read, or its resolved path when it is a regular file inside the root. */
async function refusal(file: string, root: string): Promise<{ reason: string } | { real: string }> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (real === undefined) return { reason: 'is a symlink to nothing (or cannot be resolved)' };
  if (!inside(root, real))
    return { reason: 'is a symlink to a file outside the stack directory: only files inside it are read' };
  const st = await fs.stat(real);
  if (!st.isFile()) return { reason: `is ${kindOf(st)}, not a regular file` };
  if (st.size > MAX_FILE_BYTES)
    return { reason: `is ${st.size} bytes; files over ${MAX_FILE_BYTES} bytes (1 MiB) are not read` };
  return { real };
}

function kindOf(st: {
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
  isDirectory(): boolean;
}): string {
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isSocket()) return 'a socket';
  if (st.isCharacterDevice() || st.isBlockDevice()) return 'a device';
  if (st.isDirectory()) return 'a directory';
  return 'not a regular file';
}

/**
 * The file's text, read through one handle that is checked again (regular file, size) after
 * opening, and never past the cap: what was checked is what is read. Invalid UTF-8 is reported at
 * its line and column, never quoted.
 */
async function readText(
  file: string,
): Promise<{ text: string } | { error: string; offsetLine?: number; offsetColumn?: number }> {
  // The resolved path checked by the walk, opened without following a symlink: one swapped in
  // since the check fails here (ELOOP) instead of being read. Non-blocking, so a FIFO cannot hang.
  let handle: Awaited<ReturnType<typeof fs.open>>;
  try {
    handle = await fs.open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW);
  } catch (err) {
    return { error: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const st = await handle.stat();
    if (!st.isFile()) return { error: `is ${kindOf(st)}, not a regular file` };
    const buffer = Buffer.alloc(Math.min(st.size, MAX_FILE_BYTES) + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_FILE_BYTES)
      return { error: `is over ${MAX_FILE_BYTES} bytes (1 MiB); files that large are not read` };
    const bytes = buffer.subarray(0, bytesRead);
    const bad = firstInvalidUtf8(bytes);
    if (bad !== undefined) {
      const before = bytes.subarray(0, bad).toString('utf8');
      const lines = before.split('\n');
      return {
        error: `is not valid UTF-8 (byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, '0')}): save it as UTF-8 text`,
        offsetLine: lines.length,
        offsetColumn: [...(lines[lines.length - 1] ?? '')].length + 1,
      };
    }
    return { text: bytes.toString('utf8').replace(/^\ufeff/, '') };
  } finally {
    await handle.close();
  }
}

/** The offset of the first byte that is not part of a well-formed UTF-8 sequence, if any. */
export function firstInvalidUtf8(bytes: Uint8Array): number | undefined {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i] as number;
    let need: number;
    let min: number;
    if (b < 0x80) {
      i++;
      continue;
    } else if (b >= 0xc2 && b <= 0xdf) [need, min] = [1, 0x80];
    else if (b >= 0xe0 && b <= 0xef) [need, min] = [2, 0x800];
    else if (b >= 0xf0 && b <= 0xf4) [need, min] = [3, 0x10000];
    else return i;
    if (i + need >= bytes.length) return i;
    let cp = b & (0xff >> (need + 2));
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k] as number;
      if ((c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return undefined;
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

/** At most this many syntax errors per file: a binary or garbage file must give a short report. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Reads and parses one file (a path from findYamlFiles, shown as is); an unreadable file, and YAML
 * errors (syntax, tabs, duplicate keys), become diagnostics. Nothing here quotes the file.
 */
export async function parseFile(
  filePath: string,
  realPath: string = filePath,
): Promise<{ source?: SourceFile; errors: Diagnostic[] }> {
  const read = await readText(realPath);
  if ('error' in read) {
    const location = { file: filePath, line: read.offsetLine ?? 1, column: read.offsetColumn ?? 1 };
    return { errors: [{ severity: 'error', code: 'FILE_REJECTED', message: `${filePath} ${read.error}`, location }] };
  }
  const lines = new LineCounter();
  const doc = parseDocument(read.text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  const source: SourceFile = {
    file: filePath,
    doc,
    lines,
    sha256: createHash('sha256').update(read.text).digest('hex'),
  };
  const openers = doc.errors.length > 0 ? unclosedOpeners(read.text) : [];
  const all: Diagnostic[] = [];
  for (const e of doc.errors) {
    const char = openerOfError(e.message);
    const opener = char && openerBefore(openers, char, e.pos[0]);
    const d: Diagnostic = {
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: opener ? unclosedMessage(opener.char) : yamlMessage(e.code, e.message),
      location: locationAt(source, opener ? opener.offset : e.pos[0]),
    };
    // One unclosed opener makes yaml complain more than once; the person needs to read it once.
    if (!all.some((x) => formatDiagnostic(x) === formatDiagnostic(d))) all.push(d);
  }
  const errors = all.slice(0, MAX_SYNTAX_ERRORS);
  const [last] = all.slice(-1);
  if (all.length > MAX_SYNTAX_ERRORS && last)
    errors.push({
      ...last,
      message: `${all.length - MAX_SYNTAX_ERRORS} more YAML error(s) in this file: is it a YAML file at all?`,
    });
  return { source, errors };
}

function yamlMessage(code: string, message: string): string {
  // The parser's message may quote a token of the file: keep it short and printable.
  const whole = visible(message.split('\n')[0] ?? message);
  const first = whole.length > 120 ? `${whole.slice(0, 120)}…` : whole;
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
