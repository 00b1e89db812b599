/**
 * Client-side rate limits per AWS operation. AWS enforces these quotas per account and region; going
 * over them only buys throttling errors and retries, so the applier paces itself to stay under.
 */
import { KINDS } from '../kinds/registry';

/**
 * Requests per second by "Service.Operation": AWS's default quotas of the calls each kind makes
 * (kinds/<kind>/kind.ts). Kinds sharing a call state the same quota. Raise them if yours are higher.
 */
export const DEFAULT_QUOTAS: Readonly<Record<string, number>> = Object.assign(
  {},
  ...Object.values(KINDS).map((k) => k.quotas),
) as Record<string, number>;

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
