import type { PathSegment } from '../../shared/source-types';
import type { BuildContext } from '../build';
import { checkFilterPattern, type PatternProblem } from './pattern-checks';
import { patternLocation } from './pattern-location';

/**
 * Checks the filter pattern at `path`'s `pattern` key with the engine and reports a problem at its
 * character (inside a `|` block too): what every kind with a pattern does (metric and subscription
 * filters, log anomaly detectors). Returns the problem, so a caller can skip checks that need a
 * valid pattern.
 */
export function reportPatternProblem(
  ctx: BuildContext,
  pattern: string,
  path: PathSegment[],
): PatternProblem | undefined {
  const problem = checkFilterPattern(pattern);
  if (!problem) return undefined;
  const shown = pattern.length > 80 ? `${pattern.slice(0, 80)}…` : pattern;
  ctx.error(
    'BAD_FILTER_PATTERN',
    `filter pattern ${JSON.stringify(shown)}: ${problem.message} (at character ${problem.offset + 1})`,
    patternLocation(ctx.src, [...path, 'pattern'], pattern, problem.offset),
  );
  return problem;
}
