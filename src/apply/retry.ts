/**
 * The one retry budget of a run, and the executor's whole-change retry.
 *
 * Two layers retry: the SDK retries each call (its standard strategy, its own error classifiers and
 * backoff), and the executor retries a whole change when a call is still throttled after that. The
 * budget fixes both numbers in one place, so the worst case is explicit: a call is sent at most
 * `maxSendsPerCall(RETRY_BUDGET)` times, and a timed-out call is never retried by the executor (the
 * endpoint already failed to answer every SDK attempt), so no call waits longer than
 * `attemptsPerCall` request timeouts plus the SDK's backoff.
 */
import { isRetryable } from '../aws/retryable';

export { isRetryable };

/** How many times each layer may try. */
export interface RetryBudget {
  /** Attempts of one SDK call (the SDK's maxAttempts): the first send and its retries. */
  readonly attemptsPerCall: number;
  /** Attempts of one change by the executor, each of which may send each call attemptsPerCall times. */
  readonly attemptsPerChange: number;
}

/** 3 sends per call, 3 tries per change: at most 9 sends of one call (it was 5 x 8 = 40). */
export const RETRY_BUDGET: RetryBudget = { attemptsPerCall: 3, attemptsPerChange: 3 };

/** The most times one AWS call can be sent under a budget. */
export function maxSendsPerCall(budget: RetryBudget): number {
  return budget.attemptsPerCall * budget.attemptsPerChange;
}

/** How the executor's retries back off. */
export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** Defaults: the budget's attempts per change, full-jitter exponential backoff from 200 ms up to 20 s. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: RETRY_BUDGET.attemptsPerChange,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

/** Runs fn, retrying retryable failures with full-jitter exponential backoff. */
export async function withRetry<T>(fn: () => Promise<T>, options: RetryOptions = DEFAULT_RETRY): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn();
    } catch (err) {
      if (attempt >= options.maxAttempts || !isRetryable(err)) throw err;
      const cap = Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** (attempt - 1));
      await options.sleep(Math.floor(options.random() * cap));
    }
  }
}
