/**
 * A time budget per filter pattern. Matching is linear in each event (regexes run in RE2, delimited
 * placements are capped), but a run still meets patterns and events it did not choose: a pull
 * request's pattern in a rule test, or the backtest over real log events. The budget bounds what one
 * pattern may cost a whole run of `match`, `test`, the backtest or the action, and stops it with a
 * message that names the pattern's owner instead of holding the job until its timeout.
 */
import { MonitorsError } from '../model/errors';

/** Milliseconds one pattern may spend, summed over every event of one run. */
export const PATTERN_TIME_BUDGET_MS = 5_000;

/** Measures the time spent on one pattern and stops the run once it exceeds the budget. */
export class PatternBudget {
  private spentMs = 0;
  private events = 0;

  /**
   * @param owner what the pattern belongs to, for the message (`filter errors`, `the pattern`)
   * @param clock milliseconds, monotonic; injectable so a test can spend time without waiting
   */
  constructor(
    readonly owner: string,
    readonly limitMs: number = PATTERN_TIME_BUDGET_MS,
    private readonly clock: () => number = () => performance.now(),
  ) {}

  /** Runs one evaluation of the pattern, charging its time; throws once the total is over budget. */
  charge<T>(evaluate: () => T): T {
    const start = this.clock();
    const result = evaluate();
    this.spentMs += this.clock() - start;
    this.events++;
    if (this.spentMs > this.limitMs)
      throw new MonitorsError(
        'TIMEOUT',
        `${this.owner}: the filter pattern spent ${(this.spentMs / 1000).toFixed(1)} s on ${this.events} event(s), over its budget of ${this.limitMs / 1000} s per run; stopped so that one pattern cannot hold the run (simplify the pattern or shorten the events)`,
      );
    return result;
  }
}
