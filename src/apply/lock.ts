/**
 * Two applies of one stack never interleave: an apply holds a lock in the account for its whole
 * duration. The lock is an SSM parameter created with Overwrite=false, which AWS creates for exactly
 * one caller; its value says who holds it and since when. The holder renews it every third of its
 * TTL; a lock not renewed for a whole TTL was left by a crashed run and may be taken over. Its age is
 * measured by SSM's own clock (LastModifiedDate, which every renewal moves), never by the times the
 * holder wrote: a holder whose clock is behind must not look abandoned. A holder that finds its lock
 * taken over stops every AWS call at once (whileHeld).
 */
import { randomUUID } from 'crypto';
import { DeleteParameterCommand, GetParameterCommand, PutParameterCommand, type SSMClient } from '@aws-sdk/client-ssm';
import { lockParameterName } from '../iam-policy';
import { MonitorsError } from '../model';
import type { BeforeCallHook } from '../aws/clients';

// One name, shared with the apply policy that allows exactly this parameter. SSM parameters live in
// a region, so the name needs no region of its own: each region has its own lock.
export { lockParameterName } from '../iam-policy';

/** What a lock says about its holder (the parameter's value, as JSON). */
export interface LockRecord {
  /** Who: the GitHub actor and run, or user@host locally. */
  readonly by: string;
  readonly host: string;
  readonly pid: number;
  /** ISO time the lock was taken. */
  readonly acquiredAt: string;
  /** ISO time the holder last said it is alive (renewed every third of the TTL); the TTL runs from here. */
  readonly renewedAt?: string;
  /** After this many seconds the lock counts as abandoned. */
  readonly ttlSeconds: number;
  /** Tells this holder's lock from a later one, so release never removes someone else's. */
  readonly token: string;
}

/** Who is applying, as recorded in the lock. */
export interface LockIdentity {
  readonly by: string;
  readonly host: string;
  readonly pid: number;
}

export interface LockOptions {
  readonly stack: string;
  readonly region: string;
  readonly identity: LockIdentity;
  /** Seconds after which a lock (ours or a crashed run's) may be taken over. */
  readonly ttlSeconds: number;
  /** How long to wait for a held lock before failing; 0 fails at once. */
  readonly waitSeconds: number;
  /** Time source; tests pass a fake one. */
  readonly clock?: { now(): number; sleep(ms: number): Promise<void> };
  /** Milliseconds between attempts while waiting (default 2000). */
  readonly pollMs?: number;
}

/** A held lock. */
export interface HeldLock {
  readonly name: string;
  readonly record: LockRecord;
  /** The abandoned lock this one replaced, if it took one over. */
  readonly tookOver?: LockRecord;
  /** Removes the lock if it is still ours; never throws for a lock already gone. */
  release(): Promise<void>;
  /** Why the lock is no longer ours (another run took it over, or it was removed), once a renewal found out. */
  lost(): string | undefined;
}

const realClock = {
  now: () => Date.now(),
  sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms)),
};

const errorName = (err: unknown): string => (err as { name?: string }).name ?? '';

/** Keeps a value from the environment or the lock printable and short: it ends up in logs. */
function clean(value: unknown, max = 120): string {
  const text = typeof value === 'string' ? value : '';
  return text.replace(/[^\x20-\x7e]/g, '?').slice(0, max);
}

function parseRecord(value: string | undefined): LockRecord | undefined {
  try {
    const v = JSON.parse(value ?? '') as Partial<LockRecord>;
    if (typeof v !== 'object' || v === null) return undefined;
    return {
      by: clean(v.by) || 'unknown',
      host: clean(v.host) || 'unknown',
      pid: Number.isInteger(v.pid) ? (v.pid as number) : 0,
      acquiredAt: clean(v.acquiredAt, 40),
      renewedAt: v.renewedAt === undefined ? undefined : clean(v.renewedAt, 40),
      ttlSeconds: typeof v.ttlSeconds === 'number' && v.ttlSeconds > 0 ? v.ttlSeconds : 0,
      token: clean(v.token, 60),
    };
  } catch {
    return undefined;
  }
}

/** The lock as it stands, or undefined when nobody holds it. */
export async function readLock(
  ssm: SSMClient,
  name: string,
): Promise<{ record: LockRecord; modifiedAt?: Date } | undefined> {
  try {
    const out = await ssm.send(new GetParameterCommand({ Name: name }));
    const record = parseRecord(out.Parameter?.Value) ?? {
      by: 'unknown (the lock value is not a monitors lock)',
      host: 'unknown',
      pid: 0,
      acquiredAt: out.Parameter?.LastModifiedDate?.toISOString() ?? '',
      ttlSeconds: 0,
      token: '',
    };
    return { record, modifiedAt: out.Parameter?.LastModifiedDate };
  } catch (err) {
    if (errorName(err) === 'ParameterNotFound') return undefined;
    throw err;
  }
}

/**
 * How long ago the holder last renewed the lock, in seconds: by SSM's LastModifiedDate, set by the
 * server at each renewal, so the holder's clock plays no part. Only an answer without that date (never
 * from SSM itself) falls back to the times in the record.
 */
function ageSeconds(record: LockRecord, modifiedAt: Date | undefined, now: number): number {
  const taken = Date.parse(record.renewedAt ?? record.acquiredAt);
  const since = modifiedAt?.getTime() ?? (Number.isFinite(taken) ? taken : now);
  return Math.max(0, (now - since) / 1000);
}

/**
 * Our idea of the server's time: the SDK corrects its signing clock from the server's Date header
 * when they differ by minutes (systemClockOffset), and so does this, so our own skew cannot age a lock.
 */
function serverNow(ssm: SSMClient, clock: { now(): number }): number {
  const offset = (ssm.config as { systemClockOffset?: number }).systemClockOffset;
  // The Date header has whole seconds: an offset under a few seconds is that rounding, not skew.
  const skew = typeof offset === 'number' && Number.isFinite(offset) && Math.abs(offset) >= 5000 ? offset : 0;
  return clock.now() + skew;
}

/**
 * A before-call hook that refuses every AWS call once the lock is lost, then runs `next`: a run that
 * no longer holds its lock must not write another thing, and says why.
 */
export function whileHeld(lock: HeldLock, next: BeforeCallHook): BeforeCallHook {
  return async (service, operation) => {
    const why = lock.lost();
    if (why !== undefined) throw new MonitorsError('LOCKED', `${why}: stopped before ${service}.${operation}`);
    return next(service, operation);
  };
}

/** "by alice@host (pid 42), taken 3m ago" */
export function describeHolder(record: LockRecord, now: number, modifiedAt?: Date): string {
  const taken = Date.parse(record.acquiredAt);
  const age = Math.round(
    Number.isFinite(taken) ? Math.max(0, (now - taken) / 1000) : ageSeconds(record, modifiedAt, now),
  );
  const ago = age < 120 ? `${age}s` : age < 7200 ? `${Math.round(age / 60)}m` : `${Math.round(age / 3600)}h`;
  return `${record.by} on ${record.host} (pid ${record.pid}), taken ${ago} ago at ${record.acquiredAt || 'an unknown time'}`;
}

async function put(ssm: SSMClient, name: string, record: LockRecord, overwrite: boolean): Promise<void> {
  await ssm.send(
    new PutParameterCommand({
      Name: name,
      Value: JSON.stringify(record),
      Type: 'String',
      Overwrite: overwrite,
      Description: 'monitors apply lock: remove with "monitors force-unlock" only if no apply is running',
    }),
  );
}

/**
 * Takes the stack's apply lock, waiting up to `waitSeconds` for a holder to finish. A lock older
 * than its TTL is taken over (the result says whose). Throws MonitorsError LOCKED naming the holder.
 */
export async function acquireLock(ssm: SSMClient, options: LockOptions): Promise<HeldLock> {
  const clock = options.clock ?? realClock;
  const name = lockParameterName(options.stack);
  const deadline = clock.now() + options.waitSeconds * 1000;
  const pollMs = options.pollMs ?? 2000;
  const mine = (): LockRecord => ({
    by: clean(options.identity.by) || 'unknown',
    host: clean(options.identity.host) || 'unknown',
    pid: options.identity.pid,
    acquiredAt: new Date(clock.now()).toISOString(),
    ttlSeconds: options.ttlSeconds,
    token: randomUUID(),
  });
  const held = (record: LockRecord, tookOver?: LockRecord): HeldLock => {
    let lost: string | undefined;
    // An apply longer than the TTL must not look abandoned: renew while held, and learn at once if it is no longer ours.
    const timer = setInterval(
      () =>
        void renewLock(ssm, name, record, clock.now())
          .then((holder) => {
            if (holder === 'ours') return;
            lost =
              holder === undefined
                ? `the apply lock ${name} was removed while this apply held it (force-unlock?)`
                : `the apply lock ${name} was taken over by ${holder.by} on ${holder.host} (pid ${holder.pid}) while this apply held it`;
            clearInterval(timer);
          })
          .catch(() => undefined),
      Math.max(1000, (options.ttlSeconds * 1000) / 3),
    );
    timer.unref();
    return {
      name,
      record,
      tookOver,
      lost: () => lost,
      release: () => {
        clearInterval(timer);
        // A lost lock is someone else's now (or nobody's): nothing of ours to remove.
        return lost === undefined ? releaseLock(ssm, name, record.token) : Promise.resolve();
      },
    };
  };

  for (;;) {
    const record = mine();
    try {
      await put(ssm, name, record, false);
      return held(record);
    } catch (err) {
      if (errorName(err) !== 'ParameterAlreadyExists') throw err;
    }
    const current = await readLock(ssm, name);
    if (!current) continue; // released between our attempt and the read: try again at once
    // The SDK retried a put whose first answer was lost: the lock it finds is the one we just made.
    if (current.record.token === record.token) return held(record);
    const ttl = current.record.ttlSeconds || options.ttlSeconds;
    if (ageSeconds(current.record, current.modifiedAt, serverNow(ssm, clock)) > ttl) {
      // Abandoned. Overwrite, then read back: of two runs taking over at once, the last writer wins
      // and the other sees a token not its own and waits like any other contender.
      await put(ssm, name, record, true);
      const after = await readLock(ssm, name);
      if (after?.record.token === record.token) return held(record, current.record);
      continue;
    }
    const remaining = deadline - clock.now();
    if (remaining <= 0) {
      const waited = options.waitSeconds > 0 ? ` after waiting ${options.waitSeconds}s` : '';
      throw new MonitorsError(
        'LOCKED',
        `another apply of stack "${options.stack}" in ${options.region} holds the lock ${name}${waited}: ` +
          `${describeHolder(current.record, clock.now(), current.modifiedAt)}; it counts as abandoned ${ttl}s after its holder last renewed it. ` +
          `Wait for that run (or pass --lock-timeout), or, if it crashed, run "monitors force-unlock".`,
      );
    }
    await clock.sleep(Math.min(pollMs, remaining));
  }
}

/**
 * Marks the lock as alive now, if it is still ours (never revives one another run has taken over).
 * Returns 'ours', or the record of whoever holds it now (undefined: nobody).
 */
async function renewLock(
  ssm: SSMClient,
  name: string,
  record: LockRecord,
  now: number,
): Promise<'ours' | LockRecord | undefined> {
  const current = await readLock(ssm, name);
  if (current?.record.token !== record.token) return current?.record;
  await put(ssm, name, { ...record, renewedAt: new Date(now).toISOString() }, true);
  return 'ours';
}

/** Deletes the lock if it still carries `token`. */
async function releaseLock(ssm: SSMClient, name: string, token: string): Promise<void> {
  const current = await readLock(ssm, name);
  if (current?.record.token !== token) return; // taken over (we outlived our TTL) or already gone
  await deleteLock(ssm, name);
}

/** Removes the lock whoever holds it (force-unlock). Returns false when there was none. */
export async function deleteLock(ssm: SSMClient, name: string): Promise<boolean> {
  try {
    await ssm.send(new DeleteParameterCommand({ Name: name }));
    return true;
  } catch (err) {
    if (errorName(err) === 'ParameterNotFound') return false;
    throw err;
  }
}

/** Who this process is, for the lock: the GitHub actor and run in Actions, else user@host. */
export function lockIdentity(env: NodeJS.ProcessEnv, host: string, pid: number): LockIdentity {
  const by = env.GITHUB_ACTIONS
    ? `${env.GITHUB_ACTOR ?? 'github'} (run ${env.GITHUB_RUN_ID ?? '?'} of ${env.GITHUB_REPOSITORY ?? '?'})`
    : (env.USER ?? env.USERNAME ?? 'unknown');
  return { by: clean(by), host: clean(host), pid };
}

/** The locks this process holds while a signal should release them: one per target being applied. */
const heldOnSignal = new Set<HeldLock>();
const SIGNALS: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM'];

/**
 * Ctrl-C or a termination signal: every lock still held is released (the targets of one run are
 * applied at once, each under its own lock), then the signal does what it would have done.
 */
function releaseAllThenResignal(signal: NodeJS.Signals): void {
  SIGNALS.forEach((s) => process.removeListener(s, releaseAllThenResignal));
  const locks = [...heldOnSignal];
  heldOnSignal.clear();
  void Promise.allSettled(locks.map((l) => l.release())).finally(() => process.kill(process.pid, signal));
}

/**
 * While the lock is held, Ctrl-C or a termination signal first releases it (with any other lock
 * this process holds), then lets the signal do what it would have done. Returns the function that
 * stops doing so for this lock.
 */
export function releaseOnSignals(lock: HeldLock): () => void {
  if (heldOnSignal.size === 0) SIGNALS.forEach((s) => process.once(s, releaseAllThenResignal));
  heldOnSignal.add(lock);
  return () => {
    if (!heldOnSignal.delete(lock) || heldOnSignal.size > 0) return;
    SIGNALS.forEach((s) => process.removeListener(s, releaseAllThenResignal));
  };
}
