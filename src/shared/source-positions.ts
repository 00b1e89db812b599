import type { Node } from 'yaml';
import type { SourceLocation } from '../model';
import type { PathSegment, SourceFile } from './source-types';
import { isMap, isPair, isScalar, isSeq } from './yaml-lib';

/** The 1-based line and column of a character offset. */
export function locationAt(src: SourceFile, offset: number): SourceLocation {
  const { line, col } = src.lines.linePos(offset);
  return { file: src.file, line, column: col };
}

/** Where a node starts. */
export function locationOf(src: SourceFile, node: Node | null | undefined): SourceLocation {
  return locationAt(src, node?.range?.[0] ?? 0);
}

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

/**
 * Where the value at a path is, found when first read: a valid file's resources carry a location
 * that only a message or a plan line reads, and finding it needs the document with positions.
 */
export function deferredLocate(src: SourceFile, segments: readonly PathSegment[], key = false): SourceLocation {
  const path = [...segments];
  let found: SourceLocation | undefined;
  const get = () => (found ??= key ? locateKey(src, path) : locate(src, path));
  return {
    file: src.file,
    get line() {
      return get().line;
    },
    get column() {
      return get().column;
    },
  };
}

/** Where the key at the end of a path is (for unknown keys). */
export function locateKey(src: SourceFile, segments: readonly PathSegment[]): SourceLocation {
  const { node, key } = nodeAtPath(src, segments);
  return locationOf(src, key ?? node);
}
