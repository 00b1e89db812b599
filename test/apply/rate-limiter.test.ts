import { RateLimiter, type Clock } from '../../src/apply/rate-limiter';
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
  it('spaces calls of one operation at its quota', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 3 }, clock);
    const times: number[] = [];
    for (let i = 0; i < 7; i++) {
      await limiter.acquire('CloudWatch', 'PutMetricAlarm');
      times.push(Math.round(clock.t));
    }
    expect(times).toEqual([0, 333, 667, 1000, 1333, 1667, 2000]);
  });

  it('keeps operations independent and leaves unlisted ones unlimited', async () => {
    const clock = fakeClock();
    const limiter = new RateLimiter({ 'CloudWatch.PutMetricAlarm': 1 }, clock);
    await limiter.acquire('CloudWatch', 'PutMetricAlarm');
    await limiter.acquire('CloudWatchLogs', 'PutMetricFilter');
    await limiter.acquire('SNS', 'ListTopics');
    expect(clock.t).toBe(0);
    await limiter.acquire('CloudWatch', 'PutMetricAlarm');
    expect(clock.t).toBe(1000);
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
