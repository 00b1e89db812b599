/** Retries against a real loopback HTTP server: 429 with Retry-After, 5xx then 200, persistent failure, timeouts. */
import { deliver, retryAfterMs, type DeliveryOptions } from '../../src/forwarder/deliver';
import { forward, DeliveryError } from '../../src/forwarder';
import { DESTINATIONS_VAR } from '../../src/forwarder/config';
import { notification, snsEvent } from './fixtures';
import { startWebhook, type Webhook } from './loopback';

let hooks: Webhook[] = [];
afterEach(async () => {
  await Promise.all(hooks.map((h) => h.close()));
  hooks = [];
});
async function hook(...args: Parameters<typeof startWebhook>): Promise<Webhook> {
  const h = await startWebhook(...args);
  hooks.push(h);
  return h;
}

/** Fast options: real clock and sleeps, tiny delays, no jitter surprises (random = 1). */
function fast(over: Partial<DeliveryOptions> = {}): DeliveryOptions {
  return {
    maxAttempts: 4,
    baseDelayMs: 20,
    maxDelayMs: 200,
    requestTimeoutMs: 2000,
    deadline: Date.now() + 10_000,
    now: Date.now,
    sleep: (ms) => new Promise((r) => setTimeout(r, ms)),
    random: () => 1,
    ...over,
  };
}

describe('deliver', () => {
  it('429 with Retry-After: waits that long, then succeeds', async () => {
    const h = await hook((n) => (n === 0 ? { status: 429, headers: { 'retry-after': '1' } } : { status: 200 }));
    const r = await deliver(h.url, { a: 1 }, fast());
    expect(r).toEqual({ ok: true, status: 200, attempts: 2 });
    expect(h.received).toHaveLength(2);
    const gap = (h.received[1]?.at ?? 0) - (h.received[0]?.at ?? 0);
    expect(gap).toBeGreaterThanOrEqual(950);
    expect(JSON.parse(h.received[1]?.body ?? '')).toEqual({ a: 1 });
    expect(h.received[0]?.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it("Discord's retry_after in the body is honoured when there is no header", async () => {
    const h = await hook((n) =>
      n === 0 ? { status: 429, body: '{"retry_after":0.6,"global":false}' } : { status: 204 },
    );
    const r = await deliver(h.url, {}, fast());
    expect(r.ok).toBe(true);
    expect((h.received[1]?.at ?? 0) - (h.received[0]?.at ?? 0)).toBeGreaterThanOrEqual(550);
  });

  it('500 then 200: retried with backoff', async () => {
    const h = await hook((n) => (n === 0 ? { status: 500 } : { status: 200 }));
    expect(await deliver(h.url, {}, fast())).toEqual({ ok: true, status: 200, attempts: 2 });
  });

  it('persistent 503: gives up after the bounded number of attempts', async () => {
    const h = await hook(() => ({ status: 503 }));
    const r = await deliver(h.url, {}, fast({ maxAttempts: 3 }));
    expect(r).toMatchObject({ ok: false, status: 503, attempts: 3 });
    expect(h.received).toHaveLength(3);
  });

  it('400/404 are not retried: a bad payload or a revoked webhook does not get better', async () => {
    const h = await hook(() => ({ status: 404 }));
    expect(await deliver(h.url, {}, fast())).toMatchObject({ ok: false, status: 404, attempts: 1 });
    expect(h.received).toHaveLength(1);
  });

  it('a server that never answers: each try times out, then it gives up', async () => {
    const h = await hook(() => 'hang');
    const started = Date.now();
    const r = await deliver(h.url, {}, fast({ maxAttempts: 2, requestTimeoutMs: 300 }));
    expect(r).toMatchObject({ ok: false, status: undefined, attempts: 2, why: 'timed out' });
    expect(Date.now() - started).toBeLessThan(2000);
  });

  it('a Retry-After longer than the time left fails now instead of overrunning the Lambda', async () => {
    const h = await hook(() => ({ status: 429, headers: { 'retry-after': '120' } }));
    const started = Date.now();
    const r = await deliver(h.url, {}, fast({ deadline: Date.now() + 3000 }));
    expect(r.ok).toBe(false);
    expect(r.ok === false && r.why).toMatch(/would pass the deadline/);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(h.received).toHaveLength(1);
  });

  it('Retry-After as seconds or an HTTP date', () => {
    const now = Date.parse('2026-11-25T16:00:00Z');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs('Wed, 25 Nov 2026 16:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('soon', now)).toBeUndefined();
    expect(retryAfterMs(null, now)).toBeUndefined();
  });
});

describe('the handler', () => {
  it('posts to every destination; a final failure throws, and no log line holds a webhook URL', async () => {
    const slack = await hook(() => ({ status: 200 }), '/services/T000/B000/slack-secret');
    const discord = await hook(() => ({ status: 500 }), '/api/webhooks/1/discord-secret');
    const lines: string[] = [];
    const env = {
      [DESTINATIONS_VAR]: JSON.stringify([
        { chat: 'slack', url: slack.url },
        { chat: 'discord', url: discord.url },
      ]),
      AWS_REGION: 'us-east-1',
    };
    const run = forward(
      snsEvent(notification('metric', 'ALARM')),
      { getRemainingTimeInMillis: () => 20_000 },
      {
        env,
        log: (f) => lines.push(JSON.stringify(f)),
        options: (deadline) => fast({ deadline, maxAttempts: 2 }),
      },
    );
    await expect(run).rejects.toThrow(DeliveryError);
    await expect(run).rejects.toThrow(/discord #1 \(127\.0\.0\.1:\d+\): HTTP 500 after 2 attempt/);
    expect(slack.received).toHaveLength(1);
    expect(discord.received).toHaveLength(2);
    expect(discord.received[0]?.path).toBe('/api/webhooks/1/discord-secret?wait=true');
    const logs = lines.join('\n');
    expect(logs).toContain('"msg":"delivered"');
    expect(logs).toContain('"msg":"delivery failed"');
    for (const secret of ['slack-secret', 'discord-secret', '/services/', '/api/webhooks'])
      expect(logs).not.toContain(secret);
    const error = await run.catch((e: Error) => e.message);
    expect(error).not.toContain('secret');
  });

  it('a message that is not an alarm is logged and dropped, not retried forever', async () => {
    const slack = await hook();
    const lines: string[] = [];
    await forward(
      snsEvent('hello from a hand-made publish'),
      {},
      {
        env: { [DESTINATIONS_VAR]: JSON.stringify([{ chat: 'slack', url: slack.url }]) },
        log: (f) => lines.push(JSON.stringify(f)),
        options: (deadline) => fast({ deadline }),
      },
    );
    expect(slack.received).toHaveLength(0);
    expect(lines.join('\n')).toContain('not a CloudWatch alarm notification');
    expect(lines.join('\n')).not.toContain('hello from');
  });

  it('a broken configuration fails the invocation and never quotes the URL', async () => {
    const bad = [
      [undefined, /not set/],
      ['[', /not valid JSON/],
      [JSON.stringify([{ chat: 'irc', url: 'https://x.example/secret' }]), /destination 0\.chat must be/],
      [JSON.stringify([{ chat: 'slack', url: 'http://hooks.slack.com/secret' }]), /must be https \(http: given\)/],
      [
        JSON.stringify([{ chat: 'slack', url: 'https://hooks.slack.com/secret', mentions: ['<!channel>'] }]),
        /mentions\[0\]/,
      ],
    ] as const;
    for (const [value, message] of bad) {
      const run = forward(
        snsEvent(notification('metric', 'ALARM')),
        {},
        {
          env: { [DESTINATIONS_VAR]: value },
          log: () => undefined,
          options: (deadline) => fast({ deadline }),
        },
      );
      await expect(run).rejects.toThrow(message);
      await expect(run).rejects.not.toThrow(/secret/);
    }
  });
});
