import { isThrottlingError } from '@smithy/core/retry';
import { MonitorsError } from '../model';
import { AwsCallError, classify } from './call-error';

/**
 * True for errors worth retrying, as the SDK itself classifies them: throttling, server faults,
 * and broken connections. Never our own errors (a timeout is a MonitorsError: see clients.ts); an
 * AWS failure (AwsCallError) keeps the SDK's classification of the error it wraps.
 * Here, beside the clients, so kinds (batched deletes) and the applier's retry both use it.
 */
export function isRetryable(err: unknown): boolean {
  if (err instanceof AwsCallError) return err.retryable;
  if (typeof err !== 'object' || err === null || err instanceof MonitorsError) return false;
  return classify(err);
}

/** True for a MonitorsError that is not an AWS answer: a timeout, a budget, a paging refusal. */
export function isOwnStop(err: unknown): boolean {
  return err instanceof MonitorsError && !(err instanceof AwsCallError);
}

/**
 * Rounds beyond the SDK's own attempts, for a read (and any throttled call) that still fails for a
 * retryable reason. The SDK's retry quota (500 tokens, 5 per retry) runs dry under sustained
 * throttling and then it stops retrying at all: under 30% throttling a plan failed. Each round is
 * one more SDK call (its attempts, paced by the rate limiter), after a full-jitter backoff; the
 * rounds and the total wait are bounded, so a call throttled without end fails within budgetMs.
 */
export interface CallRetry {
  readonly rounds: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly budgetMs: number;
}

export const READ_RETRY: CallRetry = { rounds: 6, baseDelayMs: 300, maxDelayMs: 8_000, budgetMs: 60_000 };

/** The backoff before round `round + 1`: full jitter, doubling from the base up to the cap. */
export function retryDelay(policy: CallRetry, round: number, random: () => number): number {
  return Math.floor(random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (round - 1)));
}

/** Reads: operations that change nothing, so another round cannot do harm. */
export function isRead(operation: string): boolean {
  return /^(List|Describe|Get|Filter|Test|Lookup|Search)/.test(operation);
}

/** True for a throttle answer (AWS's "Rate exceeded": Throttling, ThrottlingException, HTTP 429...), as the SDK classifies it. */
export function isThrottle(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || err instanceof MonitorsError) return false;
  return isThrottlingError(err as Parameters<typeof isThrottlingError>[0]);
}
