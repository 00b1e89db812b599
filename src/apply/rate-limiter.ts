import type { BeforeCallHook } from '../aws/clients';
import { Semaphore } from './concurrency';

/**
 * Client-side rate limits per AWS operation. AWS enforces these quotas per account and region; once
 * it throttles an operation, going over them only buys more throttling errors and retries, so from
 * then on the run paces that operation to stay under (docs/performance.md: "Pacing").
 */
import { KINDS } from '../kinds/registry';
import type * as Retryable from '../aws/retryable';

/**
 * The reader's calls that no kind states (kinds/<kind>/kind.ts states the calls of its own writes
 * and listings): AWS's default read quotas, the pace of a read once AWS has throttled it.
 */
export const READ_QUOTAS: Readonly<Record<string, number>> = {
  'CloudWatch.ListTagsForResource': 10,
  'CloudWatchLogs.ListTagsForResource': 10,
  'SNS.ListTopics': 30,
  'SNS.ListSubscriptions': 30,
  'SNS.ListSubscriptionsByTopic': 30,
  'SNS.GetTopicAttributes': 100,
  'SNS.GetSubscriptionAttributes': 100,
  'SNS.ListTagsForResource': 10,
  'Tagging.GetResources': 5,
};

/**
 * Requests per second by "Service.Operation": AWS's default quotas of the calls each kind makes
 * (kinds/<kind>/kind.ts), and of the reader's other calls. Kinds sharing a call state the same quota.
 * An operation is paced at its quota once AWS throttles it. Raise them if yours are higher.
 */
export const DEFAULT_QUOTAS: Readonly<Record<string, number>> = Object.assign(
  { ...READ_QUOTAS },
  ...Object.values(KINDS).map((k) => k.quotas),
) as Record<string, number>;

/** The SDK's throttle classifier, loaded when a request first fails: loading it costs a CLI start ~100 ms. */
function isThrottle(err: unknown): boolean {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return (require('../aws/retryable') as typeof Retryable).isThrottle(err);
}

/** How many AWS requests are in flight at once by default (a bound on sockets, not on rate). */
export const DEFAULT_IN_FLIGHT = 8;

/** A clock the limiter can be driven by; tests pass a fake one. */
export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * Adaptive pacing, one operation at a time. An operation runs unpaced (bounded only by the requests in
 * flight) until AWS answers it with a throttle: from then on, for the rest of the run, it gets one slot
 * per 1/quota seconds, the first one a full interval after the throttle (AWS's bucket is empty then).
 * So pacing costs nothing where nothing throttles (an emulator, a quiet account, a small stack), and
 * where AWS does throttle, it never sends over the quota again: the throttled request and its
 * neighbours that were in flight are retried (by the SDK, and by the executor) in paced slots.
 *
 * Slots are handed out in call order. Unlike a bursting token bucket, the paced mode never sends a
 * burst that AWS's own bucket (drained by the throttle) would reject.
 */
export class RateLimiter {
  /** The next free slot of each operation that has been throttled; absent: unpaced. */
  private readonly nextSlot = new Map<string, number>();
  /** When each operation was last sent (or last answered with a throttle). */
  private readonly lastSent = new Map<string, number>();

  constructor(
    private readonly quotas: Readonly<Record<string, number>> = DEFAULT_QUOTAS,
    private readonly clock: Clock = realClock,
  ) {}

  /** Waits until the operation may be called: at once while it is unpaced, else at its next slot. */
  async acquire(service: string, operation: string): Promise<void> {
    const key = `${service}.${operation}`;
    const next = this.nextSlot.get(key);
    const rate = this.quotas[key];
    if (next === undefined || !rate || rate <= 0) return;
    const now = this.clock.now();
    const slot = Math.max(now, next);
    this.nextSlot.set(key, slot + 1000 / rate);
    if (slot > now) await this.clock.sleep(slot - now);
  }

  /**
   * The request is about to go on the wire: 0, and noted, unless its operation is paced and the last
   * one went out less than 1/quota seconds ago; then how many ms to wait before asking again. (A
   * request may reach the wire later than its slot, behind the bound on requests in flight; two such
   * must not then go out together.)
   */
  startDelay(service: string, operation: string): number {
    const key = `${service}.${operation}`;
    const now = this.clock.now();
    const rate = this.quotas[key];
    const last = this.lastSent.get(key);
    if (this.nextSlot.has(key) && rate && last !== undefined && now < last + 1000 / rate)
      return last + 1000 / rate - now;
    this.lastSent.set(key, now);
    return 0;
  }

  /** Waits on the limiter's clock. */
  pause(ms: number): Promise<void> {
    return this.clock.sleep(ms);
  }

  /**
   * AWS answered the operation with a throttle: pace it at its quota from now on, the first slot a
   * full interval after this answer (AWS's bucket is empty now). Only the first throttle changes the
   * pace; later ones answer requests already in flight or already paced. An operation with no known
   * quota stays unpaced (its retries back off on their own).
   */
  throttled(service: string, operation: string): void {
    const key = `${service}.${operation}`;
    const rate = this.quotas[key];
    if (!rate || rate <= 0) return;
    const now = this.clock.now();
    this.lastSent.set(key, Math.max(now, this.lastSent.get(key) ?? 0));
    if (!this.nextSlot.has(key)) this.nextSlot.set(key, now + 1000 / rate);
  }

  /** Whether the operation is paced (it has been throttled in this run). */
  isPaced(service: string, operation: string): boolean {
    return this.nextSlot.has(`${service}.${operation}`);
  }
}

/**
 * The hook every AWS request goes through: first its operation's slot (at once unless that operation
 * was throttled), then a slot among the requests in flight, held only while the request is on the
 * wire. A request waiting for its quota never holds a slot, so every throttled operation runs at its
 * own quota at once: a mixed apply is as fast as its slowest operation allows, not the sum of them.
 * A throttle answer tells the limiter, which paces that operation from then on.
 */
export function pacing(limiter: RateLimiter, inFlight: number = DEFAULT_IN_FLIGHT): BeforeCallHook {
  const slots = new Semaphore(inFlight);
  return async (service, operation) => {
    await limiter.acquire(service, operation);
    let release: () => void;
    for (;;) {
      release = await slots.acquire();
      const wait = limiter.startDelay(service, operation);
      if (wait <= 0) break;
      // Too soon after the operation's last send (it was throttled while this request waited for a
      // slot among those in flight, or paced requests bunched there): the slot goes back meanwhile.
      release();
      await limiter.pause(wait);
    }
    return (error?: unknown) => {
      release();
      if (error !== undefined && isThrottle(error)) limiter.throttled(service, operation);
    };
  };
}
