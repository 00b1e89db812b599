import { durationSeconds, validPeriod } from './forms';
import type { PathSegment } from '../../shared/source-types';
import { excerpt } from '../../model';
import type { BuildContext } from '../build';

/** A period in seconds from a number or a duration ("5m"), checked against what CloudWatch accepts. */
export function period(
  ctx: BuildContext,
  value: number | string | undefined,
  path: PathSegment[],
  fallback: number,
): number {
  if (value === undefined) return fallback;
  const seconds = durationSeconds(value);
  if (!validPeriod(seconds))
    ctx.error(
      'SCHEMA',
      `period ${excerpt(value)} is ${seconds}s; CloudWatch accepts 10, 20, 30, or a multiple of 60 seconds`,
      ctx.at(path),
    );
  return seconds;
}
