/**
 * The simulator's filter evaluator backed by the filter-pattern engine (src/patterns): one parse per
 * pattern, and one time budget per pattern for the evaluator's life (a rule-test run, one backtest).
 */
import { MonitorsError } from '../model';
import { evaluateEvent, parseFilterPattern, PatternBudget, type FilterPattern } from '../patterns';
import type { FilterEvaluator } from './logs';
import type { MetricFilterSpec } from '../kinds/specs';

/** `budgetMs` overrides the per-pattern budget (PATTERN_TIME_BUDGET_MS), `clock` its time source. */
export function engineEvaluator(options: { budgetMs?: number; clock?: () => number } = {}): FilterEvaluator {
  const parsed = new Map<string, { pattern: FilterPattern; budget: PatternBudget }>();
  return (filter: MetricFilterSpec, message: string) => {
    let entry = parsed.get(filter.filterPattern);
    if (!entry) {
      const r = parseFilterPattern(filter.filterPattern);
      if (!r.ok) {
        throw new MonitorsError(
          'BAD_FILTER_PATTERN',
          `filter ${filter.filterName}: ${r.error.message} at character ${r.error.offset + 1}`,
        );
      }
      entry = {
        pattern: r.pattern,
        budget: new PatternBudget(`filter ${filter.filterName}`, options.budgetMs, options.clock),
      };
      parsed.set(filter.filterPattern, entry);
    }
    const { pattern, budget } = entry;
    return budget.charge(() => evaluateEvent(pattern, filter.transformation, message));
  };
}
