import { isScalar, yamlLib } from '../../shared/yaml-lib';
import type { SourceLocation } from '../../model';
import { locate, locationAt, nodeAtPath } from '../../shared/source-positions';
import type { PathSegment, SourceFile } from '../../shared/source-types';

/**
 * Where character `offset` of the pattern at `path` sits in the file. Exact for a single-line plain,
 * single-quoted or double-quoted scalar whose text is the pattern (escapes are re-derived and the
 * length checked against the node's range); otherwise, e.g. a block scalar or a value from
 * `${env:...}`, the scalar's start.
 */
export function patternLocation(
  src: SourceFile,
  path: readonly PathSegment[],
  pattern: string,
  offset: number,
): SourceLocation {
  const { node } = nodeAtPath(src, path);
  if (!isScalar(node) || !node.range || node.value !== pattern) return locate(src, path);
  const [start, end] = node.range;
  const columnOf = (prefix: number) => locationAt(src, start + prefix);
  const { Scalar } = yamlLib();
  const quote = node.type === Scalar.QUOTE_SINGLE ? "'" : node.type === Scalar.QUOTE_DOUBLE ? '"' : undefined;
  if (node.type !== Scalar.PLAIN && quote === undefined) return locate(src, path);
  // The source length of the pattern's first `offset` characters, and of all of it.
  const sourceLength = (text: string) => {
    if (quote === "'") return text.length + (text.match(/'/g)?.length ?? 0);
    if (quote === '"') return text.length + (text.match(/["\\]/g)?.length ?? 0);
    return text.length;
  };
  if (quote === '"' && [...pattern].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f))
    return locate(src, path);
  const total = sourceLength(pattern) + (quote ? 2 : 0);
  if (end - start !== total) return locate(src, path);
  const first = locationAt(src, start);
  const last = locationAt(src, end);
  if (first.line !== last.line) return locate(src, path);
  const clamped = Math.min(Math.max(offset, 0), pattern.length);
  return columnOf((quote ? 1 : 0) + sourceLength(pattern.slice(0, clamped)));
}
