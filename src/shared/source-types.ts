import type { Document, LineCounter } from 'yaml';

/**
 * One parsed YAML file, kept with what maps nodes back to line and column. The document may be
 * parsed on first use (see parseFile): read `doc` and `lines` only when a position is needed.
 */
export interface SourceFile {
  /** Path as shown to people: under the stack directory as the user gave it. */
  readonly file: string;
  readonly doc: Document.Parsed;
  readonly lines: LineCounter;
  /** sha256 (hex) of the bytes read: a saved plan records it to tell whether the file changed since. */
  readonly sha256: string;
}

/** A step of a JSON path: a mapping key or a sequence index. */
export type PathSegment = string | number;
