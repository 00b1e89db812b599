import { isUtf8 } from 'buffer';
import type * as Crypto from 'crypto';
import { closeSync, constants as fsConstants, fstatSync, openSync, promises as fs, readSync } from 'fs';
import * as path from 'path';
import type { Document, LineCounter } from 'yaml';
import { MonitorsError, formatDiagnostic, visible, type Diagnostic } from '../model';
import { quickLoad } from './fast-yaml';
import { yamlLib } from './yaml-lib';
import { overIndentedKey } from './yaml-indent';
import { openerBefore, openerOfError, unclosedMessage, unclosedOpeners } from './yaml-openers';
import { aliasHazards, depthHazard } from './yaml-hazards';
import type { SourceFile } from '../shared/source-types';
import { locationAt } from '../shared/source-positions';

// Moved to shared/source-types (kinds name them and import no config/); re-exported for the loader.
export type { PathSegment, SourceFile } from '../shared/source-types';
// Moved to shared/source-positions (kinds locate values and import no config/); re-exported for the loader.
export { deferredLocate, locate, locateKey, locationAt, locationOf, nodeAtPath } from '../shared/source-positions';

function parseWithPositions(text: string): { doc: Document.Parsed; lines: LineCounter } {
  const { LineCounter, parseDocument } = yamlLib();
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false, uniqueKeys: true });
  return { doc, lines };
}

/** sha256 (hex) of a file's text. node:crypto loads here, not at start-up (~20 ms that validate never needs). */
function sha256Of(text: string): string {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { createHash } = require('crypto') as typeof Crypto;
  return createHash('sha256').update(text).digest('hex');
}

/** A source whose document is parsed (and whose hash is taken) the first time it is read. */
function deferredSource(file: string, text: string): SourceFile {
  let parsed: ReturnType<typeof parseWithPositions> | undefined;
  let hash: string | undefined;
  const get = () => (parsed ??= parseWithPositions(text));
  return {
    file,
    get doc() {
      return get().doc;
    },
    get lines() {
      return get().lines;
    },
    get sha256() {
      return (hash ??= sha256Of(text));
    },
  };
}

/** The folder of a stack that holds its rule tests (`monitors test`), not monitors files. */
export const TESTS_DIR = 'tests';

/** Largest file read; a monitors file is a few kilobytes, and an error must never echo a huge one. */
export const MAX_FILE_BYTES = 1024 * 1024;
/**
 * Largest total of all a stack's files: parsing costs tens of times the text in memory, and a stack
 * of 10,000 monitors is about 3 MB. Forty 1 MiB files once took 3.4 GB.
 */
export const MAX_TOTAL_BYTES = 16 * 1024 * 1024;

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
  // A stack directory given as a symlink is checked like a file: it must resolve inside the folder
  // the link is in, or the walk would read (and print the keys of) files anywhere on the machine.
  if ((await fs.lstat(dir)).isSymbolicLink()) {
    const parent = await fs.realpath(path.dirname(path.resolve(dir)));
    if (!inside(parent, root))
      throw new MonitorsError(
        'FILE_REJECTED',
        `the stack directory ${dir} is a symlink to a folder outside the one it is in: give the real folder instead`,
      );
  }
  let total = 0;
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
        total += checked.size;
        if (total > MAX_TOTAL_BYTES)
          throw new MonitorsError(
            'LIMIT_EXCEEDED',
            `the YAML files under ${dir} total more than ${MAX_TOTAL_BYTES} bytes (16 MiB) by ${shown}: no stack needs that much (10,000 monitors are about 3 MB); is the directory right?`,
          );
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
async function refusal(file: string, root: string): Promise<{ reason: string } | { real: string; size: number }> {
  const real = await fs.realpath(file).catch(() => undefined);
  if (real === undefined) return { reason: 'is a symlink to nothing (or cannot be resolved)' };
  if (!inside(root, real))
    return { reason: 'is a symlink to a file outside the stack directory: only files inside it are read' };
  const st = await fs.stat(real);
  if (!st.isFile()) return { reason: `is ${kindOf(st)}, not a regular file` };
  if (st.size > MAX_FILE_BYTES)
    return { reason: `is ${st.size} bytes; files over ${MAX_FILE_BYTES} bytes (1 MiB) are not read` };
  return { real, size: st.size };
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
function readText(file: string): { text: string } | { error: string; offsetLine?: number; offsetColumn?: number } {
  // Synchronous: a stack is many small files, and a promise round trip per open, stat, read and close
  // cost more CPU than the reading (about 1 ms a file).
  // The resolved path checked by the walk, opened without following a symlink: one swapped in
  // since the check fails here (ELOOP) instead of being read. Non-blocking, so a FIFO cannot hang.
  let fd: number;
  try {
    fd = openSync(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK | fsConstants.O_NOFOLLOW);
  } catch (err) {
    return { error: `cannot be read (${(err as NodeJS.ErrnoException).code ?? 'error'})` };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { error: `is ${kindOf(st)}, not a regular file` };
    const buffer = Buffer.alloc(Math.min(st.size, MAX_FILE_BYTES) + 1);
    const bytesRead = readSync(fd, buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_FILE_BYTES)
      return { error: `is over ${MAX_FILE_BYTES} bytes (1 MiB); files that large are not read` };
    const bytes = buffer.subarray(0, bytesRead);
    // Node's native check first; the byte-by-byte walk only finds where a bad file goes wrong.
    const bad = isUtf8(bytes) ? undefined : firstInvalidUtf8(bytes);
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
    closeSync(fd);
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

/** What reading one file gave. */
export interface ParsedFile {
  readonly source?: SourceFile;
  /**
   * The file's data when it was read by the quick path: it has no `${env:}` reference and nothing
   * the text checks refuse (fast-yaml.ts), so those steps have nothing to do. Equal to `source.doc.toJS()`.
   */
  readonly plain?: Record<string, unknown>;
  readonly errors: Diagnostic[];
}

/** At most this many syntax errors per file: a binary or garbage file must give a short report. */
const MAX_SYNTAX_ERRORS = 5;

/**
 * Reads and parses one file (a path from findYamlFiles, shown as is); an unreadable file, and YAML
 * errors (syntax, tabs, duplicate keys), become diagnostics. Nothing here quotes the file.
 */
export async function parseFile(filePath: string, realPath: string = filePath): Promise<ParsedFile> {
  const read = readText(realPath);
  if ('error' in read) {
    const location = { file: filePath, line: read.offsetLine ?? 1, column: read.offsetColumn ?? 1 };
    return { errors: [{ severity: 'error', code: 'FILE_REJECTED', message: `${filePath} ${read.error}`, location }] };
  }
  // Nested too deep for the parser's recursion: refused before it is parsed.
  const lineOf = (offset: number) => {
    const before = read.text.slice(0, offset);
    const nl = before.lastIndexOf('\n');
    return { line: before.split('\n').length, column: offset - nl };
  };
  const deep = depthHazard(read.text, lineOf, filePath);
  if (deep) return { errors: [deep] };
  // A plain, clean file (fast-yaml.ts says which) is read quickly and its positions parsed only if asked for.
  // MONITORS_BENCH_YAML_ONLY: the validate benchmark's one-parser row (docs/architecture.md, two parsers).
  const quick = process.env.MONITORS_BENCH_YAML_ONLY === '1' ? undefined : quickLoad(read.text);
  if (quick) return { source: deferredSource(filePath, read.text), plain: quick, errors: [] };
  const { doc, lines } = parseWithPositions(read.text);
  const source: SourceFile = { file: filePath, doc, lines, sha256: sha256Of(read.text) };
  if (doc.errors.length === 0 && read.text.includes('*')) {
    const hazards = aliasHazards(doc, lines, filePath);
    if (hazards.length > 0) return { errors: hazards };
  }
  const openers = doc.errors.length > 0 ? unclosedOpeners(read.text) : [];
  const all: Diagnostic[] = [];
  const indented = doc.errors.map((e) => overIndentedKey(read.text, e)).find((x) => x !== undefined);
  if (indented) {
    all.push({
      severity: 'error',
      code: 'YAML_SYNTAX',
      message: `invalid YAML: ${indented.message}`,
      location: locationAt(source, indented.offset),
    });
  }
  for (const e of doc.errors) {
    if (indented?.replaces(e)) continue;
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
