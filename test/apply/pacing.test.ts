/**
 * The executor's scheduling on a virtual clock, against a fake AWS that throttles at its quotas as
 * AWS does. Nothing is paced until an operation is throttled (so pacing costs nothing where nothing
 * throttles); from then on it runs at its quota. Each AWS request takes its operation's rate token
 * before a slot among the requests in flight, so a mixed apply finishes at its slowest operation's
 * floor (count / quota), not at the sum of the operations' floors.
 */
import { applyPlan } from '../../src/apply/executor';
import { Semaphore, mapLimit } from '../../src/apply/concurrency';
import { RateLimiter, pacing, type Clock } from '../../src/apply/rate-limiter';
import type { BeforeCallHook } from '../../src/aws/clients';
import type { ApplyContext, HandlerTable, KindHandler } from '../../src/kinds/handler';
import type { Change, Plan, ResourceKind, ResourceSpec } from '../../src/model';

const region = 'us-east-1';

/** Virtual time: sleeps resolve in time order, and time jumps to the next one once nothing else can run. */
function virtualClock(): Clock & { run<T>(work: Promise<T>): Promise<T> } {
  let t = 0;
  const timers: { at: number; wake: () => void }[] = [];
  const settle = () => new Promise((r) => setImmediate(r));
  return {
    now: () => t,
    sleep: (ms) => new Promise<void>((wake) => timers.push({ at: t + ms, wake })),
    async run(work) {
      let done = false;
      const result = work.finally(() => (done = true));
      while (!done) {
        await settle();
        if (done || timers.length === 0) continue;
        timers.sort((a, b) => a.at - b.at);
        const next = timers.shift() as { at: number; wake: () => void };
        t = Math.max(t, next.at);
        next.wake();
      }
      return result;
    },
  };
}

/** AWS's answer to a request over its operation's quota. */
const throttle = () =>
  Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });

/**
 * AWS's quotas as AWS counts them: a token bucket per operation, full at start, refilling at the
 * quota. An operation without a quota is never throttled.
 */
function fakeAws(quotas: Readonly<Record<string, number>>, clock: Clock) {
  const buckets = new Map<string, { tokens: number; at: number }>();
  const throttled: Record<string, number> = {};
  const firstThrottle: Record<string, number> = {};
  return {
    throttled,
    firstThrottle,
    /** True when the request is accepted, false when AWS answers it with a throttle. */
    accept(op: string): boolean {
      const quota = quotas[op];
      if (!quota) return true;
      const b = buckets.get(op) ?? { tokens: quota, at: clock.now() };
      b.tokens = Math.min(quota, b.tokens + ((clock.now() - b.at) / 1000) * quota);
      b.at = clock.now();
      buckets.set(op, b);
      // A hair of tolerance for floating point: a slot exactly one interval later finds exactly one token.
      if (b.tokens < 1 - 1e-9) {
        throttled[op] = (throttled[op] ?? 0) + 1;
        firstThrottle[op] ??= clock.now();
        return false;
      }
      b.tokens -= 1;
      return true;
    },
  };
}

/**
 * Handlers whose every change is one AWS request of the given operation, sent through the hook. A
 * throttled request is sent again through the hook, as the SDK's retries are (after 50 ms of backoff).
 */
function pacedHandlers(
  hook: BeforeCallHook,
  clock: Clock,
  sent: Record<string, number[]>,
  requestMs: number,
  aws: { accept(op: string): boolean } = { accept: () => true },
) {
  const op: Partial<Record<ResourceKind, string>> = {
    metricAlarm: 'CloudWatch.PutMetricAlarm',
    logGroup: 'CloudWatchLogs.CreateLogGroup',
    topic: 'SNS.CreateTopic',
  };
  const handler = <K extends ResourceKind>(kind: K): KindHandler<K> => {
    const request = async () => {
      const [service, operation] = (op[kind] as string).split('.') as [string, string];
      for (let attempt = 1; attempt <= 10; attempt++) {
        const done = await hook(service, operation);
        (sent[operation] ??= []).push(clock.now());
        const accepted = aws.accept(`${service}.${operation}`);
        await clock.sleep(requestMs); // the request on the wire
        if (accepted) return void done?.();
        done?.(throttle());
        await clock.sleep(50);
      }
      throw throttle();
    };
    return { kind, diff: () => [], dependsOn: () => [], create: request, update: request, remove: request };
  };
  const kinds: ResourceKind[] = ['metricAlarm', 'logGroup', 'topic', 'metricFilter', 'compositeAlarm', 'subscription'];
  return Object.fromEntries(kinds.map((k) => [k, handler(k)])) as unknown as HandlerTable;
}

const create = (kind: ResourceKind, name: string): Change => ({
  action: 'create',
  key: { kind, region, name },
  after: { kind, name } as unknown as ResourceSpec,
});
const plan = (changes: Change[]): Plan => ({
  version: 1,
  stack: 's',
  region,
  accountId: '123456789012',
  changes,
  guards: [],
  notices: [],
  liveFingerprint: 'x',
});

const mixed = () => [
  ...Array.from({ length: 30 }, (_, i) => create('metricAlarm', `a${i}`)),
  ...Array.from({ length: 30 }, (_, i) => create('logGroup', `g${i}`)),
  ...Array.from({ length: 30 }, (_, i) => create('topic', `t${i}`)),
];
const quotas = { 'CloudWatch.PutMetricAlarm': 3, 'CloudWatchLogs.CreateLogGroup': 5, 'SNS.CreateTopic': 10 };

describe('pacing', () => {
  it('costs no time where nothing throttles: the apply is bound only by the requests in flight', async () => {
    const clock = virtualClock();
    const sent: Record<string, number[]> = {};
    const handlers = pacedHandlers(pacing(new RateLimiter(quotas, clock), 2), clock, sent, 100);
    const result = await clock.run(applyPlan(plan(mixed()), { handlers, ctx: {} as ApplyContext }));
    expect(result.done).toBe(90);
    // 90 requests of 100 ms, 2 at a time: 4.5 s, where pacing at the quotas from the start took 9.7 s.
    const last = Math.max(...Object.values(sent).flat());
    expect(last).toBeCloseTo(4400, -1);
  });

  it('where AWS throttles, each operation is throttled in its first burst only, then runs at its quota: a mixed apply ends at its slowest floor', async () => {
    const clock = virtualClock();
    const aws = fakeAws(quotas, clock);
    const sent: Record<string, number[]> = {};
    // Requests take 100 ms each with 2 in flight (room for 20/s against 18/s of quota): a slot is
    // never held while a request waits for its token.
    const handlers = pacedHandlers(pacing(new RateLimiter(quotas, clock), 2), clock, sent, 100, aws);
    const result = await clock.run(applyPlan(plan(mixed()), { handlers, ctx: {} as ApplyContext }));
    expect(result.done).toBe(90);
    const { firstThrottle } = aws;
    for (const [op, quota] of Object.entries(quotas)) {
      const operation = op.split('.')[1] as string;
      const times = sent[operation] ?? [];
      const throttled = aws.throttled[op] ?? 0;
      // Throttled at most once per request in flight when AWS first said no; never again after.
      expect(throttled).toBeGreaterThanOrEqual(1);
      expect(throttled).toBeLessThanOrEqual(2);
      expect(times).toHaveLength(30 + throttled);
      // The floor of the operation alone: its first quota's worth free, the rest one per 1/quota s; the
      // first burst and the requests it sends back to take a paced slot cost at most 1.5 s over it.
      const last = Math.max(...times);
      expect(last).toBeGreaterThanOrEqual(((30 - quota) / quota) * 1000);
      expect(last).toBeLessThanOrEqual((30 / quota) * 1000 + 1500);
      // Never over the quota once AWS has said no: from the first throttle on, sends are 1/quota s apart.
      const after = times.filter((t) => t > (firstThrottle[op] ?? Infinity));
      for (let i = 1; i < after.length; i++)
        expect((after[i] as number) - (after[i - 1] as number)).toBeGreaterThanOrEqual(1000 / quota - 1e-6);
    }
    // The whole apply ends at its slowest floor (PutMetricAlarm's), not at the sum of the floors (18 s).
    expect(Math.max(...Object.values(sent).flat())).toBeLessThan(12_000);
  });

  it('with the slot taken before the token (the old order), the same apply is held back to the sum of its floors', async () => {
    // The counter-example the design avoids, so this test shows what the one above guards against.
    const clock = virtualClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3, 'SNS.CreateTopic': 10 }, clock);
    // Both operations already throttled: paced at their quotas.
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    limiter.throttled('SNS', 'CreateTopic');
    const slots = new Semaphore(2);
    const slotFirst: BeforeCallHook = async (service, operation) => {
      const release = await slots.acquire();
      await limiter.acquire(service, operation);
      return release;
    };
    const sent: Record<string, number[]> = {};
    const handlers = pacedHandlers(slotFirst, clock, sent, 100);
    const changes = [
      ...Array.from({ length: 30 }, (_, i) => create('metricAlarm', `a${i}`)),
      ...Array.from({ length: 30 }, (_, i) => create('topic', `t${i}`)),
    ];
    await clock.run(applyPlan(plan(changes), { handlers, ctx: {} as ApplyContext }));
    // Topics queue behind alarms that hold both slots while waiting for their tokens.
    expect(Math.max(...(sent.CreateTopic ?? []))).toBeGreaterThan((29 / 3) * 1000);
  });
});

describe('Semaphore and mapLimit', () => {
  it('never has more than the bound in flight, serves waiters in order, and keeps results in order', async () => {
    let active = 0;
    let most = 0;
    const started: number[] = [];
    const out = await mapLimit([5, 1, 4, 2, 3, 0], 2, async (ms) => {
      started.push(ms);
      active++;
      most = Math.max(most, active);
      await new Promise((r) => setTimeout(r, ms));
      active--;
      return ms * 10;
    });
    expect(most).toBe(2);
    expect(started).toEqual([5, 1, 4, 2, 3, 0]);
    expect(out).toEqual([50, 10, 40, 20, 30, 0]);
  });

  it('gives a slot back once however often release is called', async () => {
    const s = new Semaphore(1);
    const release = await s.acquire();
    release();
    release();
    const a = await s.acquire();
    let second = false;
    void s.acquire().then(() => (second = true));
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(false);
    a();
    await new Promise((r) => setImmediate(r));
    expect(second).toBe(true);
  });
});
