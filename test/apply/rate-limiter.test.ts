import { RateLimiter, pacing, type Clock } from '../../src/apply/rate-limiter';
import { isRetryable, withRetry } from '../../src/apply/retry';

/** A clock that advances only when someone sleeps, so timing is exact and instant. */
function fakeClock(): Clock & { t: number } {
  const clock = {
    t: 0,
    now: () => clock.t,
    sleep: async (ms: number) => {
      clock.t += ms;
    },
  };
  return clock;
}

describe('RateLimiter', () => {
  it('lets an operation through at once until AWS throttles it', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3 }, clock);
    for (let i = 0; i < 20; i++) {
      await limiter.acquire('CloudWatch', 'PutMetricAlarm');
      expect(limiter.startDelay('CloudWatch', 'PutMetricAlarm')).toBe(0);
    }
    expect(clock.t).toBe(0);
    expect(limiter.isPaced('CloudWatch', 'PutMetricAlarm')).toBe(false);
  });

  it('after a throttle, spaces calls of the operation at its quota, the first a full interval after the throttle', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3 }, clock);
    clock.t = 500;
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire('CloudWatch', 'PutMetricAlarm');
      expect(limiter.startDelay('CloudWatch', 'PutMetricAlarm')).toBe(0);
      times.push(Math.round(clock.t));
    }
    expect(times).toEqual([833, 1167, 1500, 1833, 2167, 2500, 2833]);
  });

  it('only the first throttle sets the pace: later ones (answers to requests already sent) do not slow it further', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 2 }, clock);
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    await limiter.acquire('CloudWatch', 'PutMetricAlarm');
    expect(clock.t).toBe(500);
    limiter.startDelay('CloudWatch', 'PutMetricAlarm');
    await limiter.acquire('CloudWatch', 'PutMetricAlarm');
    expect(clock.t).toBe(1000);
  });

  it('holds back a paced call less than 1/quota after the last one (two that waited for a slot in flight), by the time left', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 4 }, clock);
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    clock.t = 600;
    expect(limiter.startDelay('CloudWatch', 'PutMetricAlarm')).toBe(0);
    clock.t = 700;
    expect(limiter.startDelay('CloudWatch', 'PutMetricAlarm')).toBe(150);
    clock.t = 850;
    expect(limiter.startDelay('CloudWatch', 'PutMetricAlarm')).toBe(0);
  });

  it('keeps operations independent and leaves operations without a quota unlimited, even throttled', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 1 }, clock);
    limiter.throttled('CloudWatch', 'PutMetricAlarm');
    limiter.throttled('SNS', 'ListTopics');
    await limiter.acquire('CloudWatchLogs', 'PutMetricFilter');
    await limiter.acquire('SNS', 'ListTopics');
    await limiter.acquire('SNS', 'ListTopics');
    expect(clock.t).toBe(0);
    expect(limiter.isPaced('SNS', 'ListTopics')).toBe(false);
    await limiter.acquire('CloudWatch', 'PutMetricAlarm');
    expect(clock.t).toBe(1000);
  });
});

describe('pacing (the hook)', () => {
  const throttle = () =>
    Object.assign(new Error('Rate exceeded'), { name: 'Throttling', $metadata: { httpStatusCode: 400 } });

  it('a throttle answer paces its operation; any other failure does not', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3, 'SNS.Publish': 3 }, clock);
    const hook = pacing(limiter, 4);
    const other = Object.assign(new Error('bad'), { name: 'ValidationError', $metadata: { httpStatusCode: 400 } });
    (await hook('SNS', 'Publish'))?.(other);
    expect(limiter.isPaced('SNS', 'Publish')).toBe(false);
    (await hook('CloudWatch', 'PutMetricAlarm'))?.(throttle());
    expect(limiter.isPaced('CloudWatch', 'PutMetricAlarm')).toBe(true);
    (await hook('CloudWatch', 'PutMetricAlarm'))?.();
    expect(Math.round(clock.t)).toBe(333);
  });
});

describe('retry', () => {
  const err = (name: string, status?: number, extra: object = {}) =>
    Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status }, ...extra });

  it.each([
    ['Throttling', 400, true],
    ['ThrottlingException', 400, true],
    ['TooManyRequestsException', 429, true],
    ['InternalFailure', 500, true],
    ['ServiceUnavailable', 503, true],
    ['ValidationError', 400, false],
    ['ResourceNotFoundException', 400, false],
    ['InvalidParameterException', 400, false],
  ])('%s (HTTP %s) retryable: %s', (name, status, expected) => {
    expect(isRetryable(err(name, status))).toBe(expected);
  });

  it('treats a reset connection as retryable', () => {
    expect(isRetryable(err('Error', undefined, { code: 'ECONNRESET' }))).toBe(true);
  });

  it('gives up after maxAttempts with the last error', async () => {
    let calls = 0;
    const sleeps: number[] = [];
    const options = {
      maxAttempts: 3,
      baseDelayMs: 100,
      maxDelayMs: 1000,
      sleep: async (ms: number) => void sleeps.push(ms),
      random: () => 0.5,
    };
    await expect(
      withRetry(async () => {
        calls++;
        throw err('Throttling', 400);
      }, options),
    ).rejects.toThrow('Throttling');
    expect(calls).toBe(3);
    expect(sleeps).toEqual([50, 100]);
  });
});
