/**
 * Posts one message to one webhook, retrying what is worth retrying: 429 (honouring Retry-After, or
 * Discord's `retry_after` in the body) and 5xx and network errors, with exponential backoff and
 * jitter, bounded by an attempt count and by a deadline (the Lambda's remaining time, less a margin).
 * Anything else (400, 403, 404: a bad payload or a revoked webhook) fails at once: retrying cannot help.
 * The URL is a credential: results and errors carry the chat, the host and the status, never the URL.
 */

/** The outcome of one delivery. */
export type DeliveryResult =
  | { readonly ok: true; readonly status: number; readonly attempts: number }
  | { readonly ok: false; readonly status: number | undefined; readonly attempts: number; readonly why: string };

/** Limits and clock, injectable so tests run in milliseconds. */
export interface DeliveryOptions {
  readonly maxAttempts: number;
  /** First backoff; doubles per attempt, with full jitter. */
  readonly baseDelayMs: number;
  readonly maxDelayMs: number;
  /** One request may take this long before it is abandoned (and retried). */
  readonly requestTimeoutMs: number;
  /** Epoch ms after which no new attempt starts and no wait is begun. */
  readonly deadline: number;
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
  readonly random: () => number;
  /** Called after every attempt, for the log. */
  readonly onAttempt?: (a: { attempt: number; status: number | undefined; why: string | undefined }) => void;
}

/** Defaults for the Lambda: 4 attempts, 0.5 s doubling to 8 s, 10 s per request. */
export function defaultOptions(deadline: number): DeliveryOptions {
  return {
    maxAttempts: 4,
    baseDelayMs: 500,
    maxDelayMs: 8000,
    requestTimeoutMs: 10_000,
    deadline,
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: Math.random,
  };
}

/** Seconds or an HTTP date (RFC 9110 §10.2.3), as milliseconds from now; undefined when absent or bad. */
export function retryAfterMs(header: string | null, now: number): number | undefined {
  if (header === null || header.trim() === '') return undefined;
  if (/^\s*\d+(\.\d+)?\s*$/.test(header)) return Math.round(Number(header) * 1000);
  const at = Date.parse(header);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

const retryable = (status: number) => status === 429 || status >= 500;

/** POSTs `body` as JSON to `url`, with the retries above. Never throws; the caller decides. */
export async function deliver(url: string, body: unknown, o: DeliveryOptions): Promise<DeliveryResult> {
  const payload = JSON.stringify(body);
  let last: { status: number | undefined; why: string } = { status: undefined, why: 'not attempted' };
  for (let attempt = 1; attempt <= o.maxAttempts; attempt++) {
    if (o.now() >= o.deadline) return { ok: false, ...last, attempts: attempt - 1, why: `${last.why}; out of time` };
    let wait: number | undefined;
    try {
      const res = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json; charset=utf-8' },
        body: payload,
        redirect: 'error',
        signal: AbortSignal.timeout(Math.max(1, Math.min(o.requestTimeoutMs, o.deadline - o.now()))),
      });
      const text = await res.text().catch(() => '');
      if (res.ok) {
        o.onAttempt?.({ attempt, status: res.status, why: undefined });
        return { ok: true, status: res.status, attempts: attempt };
      }
      last = { status: res.status, why: `HTTP ${res.status}` };
      o.onAttempt?.({ attempt, status: res.status, why: last.why });
      if (!retryable(res.status)) return { ok: false, ...last, attempts: attempt };
      wait = retryAfterMs(res.headers.get('retry-after'), o.now()) ?? discordRetryAfter(text);
    } catch (e) {
      // By name, not instanceof: fetch's abort is a DOMException, from another realm under test runners.
      const name = (e as { name?: unknown } | null)?.name;
      const why = name === 'TimeoutError' || name === 'AbortError' ? 'timed out' : 'network error';
      last = { status: undefined, why };
      o.onAttempt?.({ attempt, status: undefined, why });
    }
    if (attempt === o.maxAttempts) break;
    const backoff = Math.min(o.maxDelayMs, o.baseDelayMs * 2 ** (attempt - 1)) * o.random();
    const delay = Math.max(wait ?? 0, backoff);
    if (o.now() + delay >= o.deadline)
      return {
        ok: false,
        ...last,
        attempts: attempt,
        why: `${last.why}; the next try (in ${Math.ceil(delay / 1000)} s) would pass the deadline`,
      };
    await o.sleep(delay);
  }
  return { ok: false, ...last, attempts: o.maxAttempts };
}

/** Discord puts the wait in the JSON body too (`retry_after`, seconds). */
function discordRetryAfter(text: string): number | undefined {
  try {
    const v = (JSON.parse(text) as { retry_after?: unknown }).retry_after;
    return typeof v === 'number' && Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : undefined;
  } catch {
    return undefined;
  }
}
