import { isServerError, isThrottlingError, isTransientError } from '@smithy/core/retry';
import { MonitorsError } from '../model';

/**
 * True for errors worth retrying, as the SDK itself classifies them: throttling, server faults,
 * and broken connections. Never our own errors (a timeout is already a MonitorsError: see clients.ts).
 * Here, beside the clients, so kinds (batched deletes) and the applier's retry both use it.
 */
export function isRetryable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || err instanceof MonitorsError) return false;
  const e = err as Parameters<typeof isThrottlingError>[0];
  return isThrottlingError(e) || isTransientError(e) || isServerError(e);
}

/** True for a throttle answer (AWS's "Rate exceeded": Throttling, ThrottlingException, HTTP 429...), as the SDK classifies it. */
export function isThrottle(err: unknown): boolean {
  if (typeof err !== 'object' || err === null || err instanceof MonitorsError) return false;
  return isThrottlingError(err as Parameters<typeof isThrottlingError>[0]);
}
