/** The simulator's filter evaluator backed by the filter-pattern engine (src/patterns): one parse per pattern. */
import { MonitorsError, type MetricFilterSpec } from '../model';
import { evaluateEvent, parseFilterPattern, type FilterPattern } from '../patterns';
import type { FilterEvaluator } from './logs';

export function engineEvaluator(): FilterEvaluator {
  const parsed = new Map<string, FilterPattern>();
  return (filter: MetricFilterSpec, message: string) => {
    let pattern = parsed.get(filter.filterPattern);
    if (!pattern) {
      const r = parseFilterPattern(filter.filterPattern);
      if (!r.ok) {
        throw new MonitorsError(
          'BAD_FILTER_PATTERN',
          `filter ${filter.filterName}: ${r.error.message} at character ${r.error.offset + 1}`,
        );
      }
      pattern = r.pattern;
      parsed.set(filter.filterPattern, pattern);
    }
    return evaluateEvent(pattern, filter.transformation, message);
  };
}
