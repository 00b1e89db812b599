import { DeleteAlarmsCommand, type CloudWatchClient } from '@aws-sdk/client-cloudwatch';
import { isOwnStop, isRetryable } from '../../aws/retryable';
import { ALREADY_GONE, unlessAlready } from './idempotent';

/** DeleteAlarms takes up to 100 names in one call, of which at most one composite alarm. */
const MAX_NAMES = 100;

interface Pending {
  readonly name: string;
  readonly composite: boolean;
  resolve(): void;
  reject(err: unknown): void;
}

/**
 * Collects alarm deletions made within a few milliseconds of each other into DeleteAlarms calls of
 * up to 100 names, at most one of them a composite alarm (AWS's rule): at the default quota of 3 calls a second, deleting 1,000 alarms one by one takes
 * over 5 minutes, in batches 4 seconds. Each caller still gets its own outcome.
 */
export class AlarmDeleteBatcher {
  private queue: Pending[] = [];
  private timer: NodeJS.Timeout | undefined;

  constructor(
    private readonly client: CloudWatchClient,
    private readonly windowMs = 25,
  ) {}

  delete(name: string, composite = false): Promise<void> {
    return new Promise<void>((resolve, reject) => {
      this.queue.push({ name, composite, resolve, reject });
      // Full batch of metric alarms: no reason to wait. Composites go one per call anyway.
      if (this.queue.filter((p) => !p.composite).length >= MAX_NAMES) this.flush();
      else this.timer ??= setTimeout(() => this.flush(), this.windowMs);
    });
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    const composites = this.queue.filter((p) => p.composite);
    const metrics = this.queue.filter((p) => !p.composite);
    this.queue = [];
    while (composites.length > 0 || metrics.length > 0) {
      const batch = composites.splice(0, 1);
      batch.push(...metrics.splice(0, MAX_NAMES - batch.length));
      void this.send(batch);
    }
  }

  private async send(batch: Pending[]): Promise<void> {
    try {
      await this.client.send(new DeleteAlarmsCommand({ AlarmNames: batch.map((p) => p.name) }));
      batch.forEach((p) => p.resolve());
    } catch (err) {
      // Throttling and 5xx: every caller retries, and the retries batch again. A timeout or a spent
      // budget would only stop again per alarm: every caller gets it at once.
      if (isRetryable(err) || isOwnStop(err)) return batch.forEach((p) => p.reject(err));
      // Anything else (one name already gone, one refused): find out per alarm, so each change
      // gets its own outcome and its own AWS error.
      await Promise.all(
        batch.map((p) =>
          unlessAlready(ALREADY_GONE, () => this.client.send(new DeleteAlarmsCommand({ AlarmNames: [p.name] }))).then(
            () => p.resolve(),
            (e: unknown) => p.reject(e),
          ),
        ),
      );
    }
  }
}
