/** Retries a whole change on throttling, 5xx and dropped connections; never on the caller's mistakes. */

/** How retries back off. */
export interface RetryOptions {
  readonly maxAttempts: number;
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
}

/** Defaults: 8 attempts, full-jitter exponential backoff from 200 ms up to 20 s. */
export const DEFAULT_RETRY: RetryOptions = {
  maxAttempts: 8,
  baseDelayMs: 200,
  maxDelayMs: 20_000,
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: Math.random,
};

const THROTTLING = new Set([
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'Throttled',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'LimitExceededException',
  'RequestThrottled',
]);
const NETWORK = new Set(['ECONNRESET', 'ECONNREFUSED', 'EPIPE', 'ETIMEDOUT', 'TimeoutError', 'RequestTimeout']);

/** True for errors worth retrying: throttling, server faults, and broken connections. */
export function isRetryable(err: unknown): boolean {
  if (typeof err !== 'object' || err === null) return false;
  const e = err as {
    name?: string;
    code?: string;
    message?: string;
    $metadata?: { httpStatusCode?: number };
    $fault?: string;
  };
  if (e.name && THROTTLING.has(e.name)) return true;
  if (e.code && NETWORK.has(e.code)) return true;
  if (e.name && NETWORK.has(e.name)) return true;
  const status = e.$metadata?.httpStatusCode;
  if (status !== undefined && status >= 500) return true;
  if (e.$fault === 'server') return true;
  return /socket hang up|ECONNRESET/i.test(e.message ?? '');
}

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
