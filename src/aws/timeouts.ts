import { MonitorsError } from '../model';

/** How long one attempt of one call may take before it counts as failed. */
export interface Timeouts {
  /** To open the TCP (and TLS) connection. */
  readonly connectMs: number;
  /** From sending the request to the full answer, and the longest silence on the socket meanwhile. */
  readonly requestMs: number;
}

/**
 * AWS answers these APIs in well under a second; 30 s per attempt leaves room for a slow network
 * while a dead endpoint fails the run in about a minute and a half instead of hanging it for hours.
 */
export const DEFAULT_TIMEOUTS: Timeouts = { connectMs: 5_000, requestMs: 30_000 };

/** `--request-timeout 30`: seconds, more than 0 and at most 10 minutes. */
export function parseRequestTimeout(value: string | undefined, flag = '--request-timeout'): number | undefined {
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (!(seconds > 0 && seconds <= 600)) {
    throw new MonitorsError('USAGE', `${flag} "${value.slice(0, 20)}" is not valid: expected seconds, from 0 to 600`);
  }
  return seconds;
}

/** The timeouts for a request timeout in seconds (the CLI's --request-timeout, the action's input). */
export function timeoutsFromSeconds(seconds: number): Timeouts {
  const requestMs = Math.round(seconds * 1000);
  return { connectMs: Math.min(DEFAULT_TIMEOUTS.connectMs, requestMs), requestMs };
}

/** What one run (a plan, an apply) may spend on AWS in all, whatever the endpoint answers. */
export interface RunBudget {
  /** Calls sent, retries included. */
  readonly calls: number;
  /** Wall-clock time from the clients' construction. */
  readonly ms: number;
}

/**
 * Far above a real run (a plan of 10,000 monitors makes ~1,000 calls; an apply of them ~25,000 at the
 * default pace, about half an hour), yet an endpoint that pages or throttles without end ends the run
 * in bounded time instead of never.
 */
export const RUN_BUDGET: RunBudget = { calls: 200_000, ms: 3 * 60 * 60_000 };
