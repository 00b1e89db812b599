/**
 * The executor's scheduling on a virtual clock: each AWS request takes its operation's rate token
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

/** Handlers whose every change is one AWS request of the given operation, sent through the hook. */
function pacedHandlers(hook: BeforeCallHook, clock: Clock, sent: Record<string, number[]>, requestMs: number) {
  const op: Partial<Record<ResourceKind, string>> = {
    metricAlarm: 'CloudWatch.PutMetricAlarm',
    logGroup: 'CloudWatchLogs.CreateLogGroup',
    topic: 'SNS.CreateTopic',
  };
  const handler = <K extends ResourceKind>(kind: K): KindHandler<K> => {
    const request = async () => {
      const [service, operation] = (op[kind] as string).split('.') as [string, string];
      const done = await hook(service, operation);
      (sent[operation] ??= []).push(clock.now());
      await clock.sleep(requestMs); // the request on the wire
      done?.();
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

describe('pacing', () => {
  it('runs every operation at its own quota at once: a mixed apply ends at its slowest floor', async () => {
    const clock = virtualClock();
    const quotas = { 'CloudWatch.PutMetricAlarm': 3, 'CloudWatchLogs.CreateLogGroup': 5, 'SNS.CreateTopic': 10 };
    const sent: Record<string, number[]> = {};
    // Requests take 100 ms each with 2 in flight (room for 20/s against 18/s of quota): a slot is
    // never held while a request waits for its token.
    const handlers = pacedHandlers(pacing(new RateLimiter(quotas, clock), 2), clock, sent, 100);
    const changes = [
      ...Array.from({ length: 30 }, (_, i) => create('metricAlarm', `a${i}`)),
      ...Array.from({ length: 30 }, (_, i) => create('logGroup', `g${i}`)),
      ...Array.from({ length: 30 }, (_, i) => create('topic', `t${i}`)),
    ];
    const result = await clock.run(applyPlan(plan(changes), { handlers, ctx: {} as ApplyContext }));
    expect(result.done).toBe(90);
    const last = (op: string) => Math.max(...(sent[op] ?? []));
    // The floor of each operation alone: (count - 1) / quota seconds to the last send.
    expect(last('PutMetricAlarm')).toBeCloseTo((29 / 3) * 1000, -1);
    expect(last('CreateLogGroup')).toBeCloseTo((29 / 5) * 1000, -1);
    expect(last('CreateTopic')).toBeCloseTo((29 / 10) * 1000, -1);
    // Never over a quota as AWS counts it: a token bucket per operation, full at start, refilling at the quota.
    for (const [key, quota] of Object.entries(quotas)) {
      const times = sent[key.split('.')[1] as string] ?? [];
      let tokens = quota;
      let at = 0;
      for (const time of times) {
        tokens = Math.min(quota, tokens + ((time - at) / 1000) * quota);
        at = time;
        expect(tokens).toBeGreaterThanOrEqual(1 - 1e-9);
        tokens -= 1;
      }
    }
  });

  it('with the slot taken before the token (the old order), the same apply is held back to the sum of its floors', async () => {
    // The counter-example the design avoids, so this test shows what the first one guards against.
    const clock = virtualClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3, 'SNS.CreateTopic': 10 }, clock);
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
