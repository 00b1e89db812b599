import type { BeforeCallHook } from '../aws/clients';
import { Semaphore } from './concurrency';

/**
 * Client-side rate limits per AWS operation. AWS enforces these quotas per account and region; going
 * over them only buys throttling errors and retries, so the applier paces itself to stay under.
 */
import { KINDS } from '../kinds/registry';

/**
 * The reader's calls that no kind states (kinds/<kind>/kind.ts states the calls of its own writes
 * and listings): AWS's default read quotas, so that a plan of a large stack is read at the paged
 * minimum and never throttled.
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
 * Raise them if yours are higher.
 */
export const DEFAULT_QUOTAS: Readonly<Record<string, number>> = Object.assign(
  { ...READ_QUOTAS },
  ...Object.values(KINDS).map((k) => k.quotas),
) as Record<string, number>;

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
 * One slot per 1/rate seconds for each operation, handed out in call order. Unlike a bursting token
 * bucket it never sends a burst that AWS's own bucket (which starts drained after earlier runs) rejects.
 */
export class RateLimiter {
  private readonly nextSlot = new Map<string, number>();

  constructor(
    private readonly quotas: Readonly<Record<string, number>> = DEFAULT_QUOTAS,
    private readonly clock: Clock = realClock,
  ) {}

  /** Waits until the operation may be called without exceeding its quota. */
  async acquire(service: string, operation: string): Promise<void> {
    const key = `${service}.${operation}`;
    const rate = this.quotas[key];
    if (!rate || rate <= 0) return;
    const interval = 1000 / rate;
    const now = this.clock.now();
    const slot = Math.max(now, this.nextSlot.get(key) ?? 0);
    this.nextSlot.set(key, slot + interval);
    if (slot > now) await this.clock.sleep(slot - now);
  }
}

/**
 * The hook every AWS request goes through: first its operation's rate token, then a slot among the
 * requests in flight, held only while the request is on the wire. A request waiting for its quota
 * never holds a slot, so every operation runs at its own quota at once: a mixed apply is as fast as
 * its slowest operation allows, not the sum of them.
 */
export function pacing(limiter: RateLimiter, inFlight: number = DEFAULT_IN_FLIGHT): BeforeCallHook {
  const slots = new Semaphore(inFlight);
  return async (service, operation) => {
    await limiter.acquire(service, operation);
    return slots.acquire();
  };
}
