import { patternLocation } from '../metric-filter/pattern-location';
import { locate, locationAt, nodeAtPath } from '../../shared/source-positions';
import type { PathSegment, SourceFile } from '../../shared/source-types';
import { isScalar, yamlLib } from '../../shared/yaml-lib';
import type { SourceLocation } from '../../model';

/**
 * Where character `offset` of the query at `path` sits in the file. A query is usually a `|` block:
 * its line is exact (the block's lines are the query's lines); its column assumes the block is
 * indented two spaces past its key, as the examples and `monitors import` write it (the parsed
 * document keeps no text to measure it by). A one-line scalar is exact (as for filter patterns).
 */
export function queryLocation(
  src: SourceFile,
  path: readonly PathSegment[],
  query: string,
  offset: number,
): SourceLocation {
  const { node, key } = nodeAtPath(src, path);
  const { Scalar } = yamlLib();
  if (!isScalar(node) || !node.range || typeof node.value !== 'string') return locate(src, path);
  if (node.type !== Scalar.BLOCK_LITERAL && node.type !== Scalar.BLOCK_FOLDED)
    return patternLocation(src, path, query, offset);
  if (node.type === Scalar.BLOCK_FOLDED || !node.value.startsWith(query)) return locate(src, path);
  const header = locationAt(src, node.range[0]);
  const keyColumn = key?.range ? locationAt(src, key.range[0]).column : header.column;
  const before = query.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  return { file: src.file, line: header.line + 1 + lineIndex, column: keyColumn + 2 + column };
}
