/**
 * A stalled AWS endpoint ends the run with one clear error within the configured bound, instead of
 * hanging it: a server that accepts connections and never answers, and one that stops mid-answer.
 * Through the real CLI and the real SDK clients; the servers are loopback sockets we control.
 */
import * as http from 'http';
import * as net from 'net';
import { PassThrough } from 'stream';
import { DeleteTopicCommand } from '@aws-sdk/client-sns';
import { runCli } from '../../src/cli/run';
import { createClients, timeoutsFromSeconds } from '../../src/aws/clients';
import { AlarmDeleteBatcher } from '../../src/kinds/shared/alarm-deletes';
import { DEFAULT_RETRY, maxSendsPerCall, RETRY_BUDGET, withRetry } from '../../src/apply/retry';
import { MonitorsError } from '../../src/model';

interface Stall {
  readonly endpoint: string;
  /** Connections the client opened: one per attempt. */
  readonly connections: () => number;
  readonly close: () => Promise<void>;
}

/** A loopback server that, per connection, sends `reply` (maybe nothing) and then goes silent. */
async function stallingServer(reply: string): Promise<Stall> {
  const sockets = new Set<net.Socket>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      if (reply) socket.write(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    connections: () => connections,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

async function planAgainst(endpoint: string, timeoutSeconds: number) {
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  const env = { AWS_ACCESS_KEY_ID: '123456789012', AWS_SECRET_ACCESS_KEY: 'test', AWS_REGION: 'us-east-1' };
  const started = Date.now();
  const code = await runCli(
    ['plan', 'monitors', '--endpoint-url', endpoint, '--request-timeout', String(timeoutSeconds)],
    { stdout: new PassThrough(), stderr, stdin: new PassThrough(), env },
  );
  return { code, stderr: Buffer.concat(err).toString(), elapsedMs: Date.now() - started };
}

const TIMEOUT_S = 0.4;
// Every attempt waits the full timeout; the SDK's backoff between them is under a second in all. The
// bound is generous on purpose (a loaded CI machine), and still far from "forever".
const BOUND_MS = RETRY_BUDGET.attemptsPerCall * TIMEOUT_S * 1000 + 5_000;

test('an endpoint that accepts and never answers fails the plan with a TIMEOUT naming the call and the endpoint', async () => {
  const stall = await stallingServer('');
  try {
    const r = await planAgainst(stall.endpoint, TIMEOUT_S);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: STS.GetCallerIdentity timed out: ${stall.endpoint} did not answer within 0.4 s`);
    expect(r.stderr).toContain(`${RETRY_BUDGET.attemptsPerCall} attempt(s)`);
    expect(r.stderr).not.toContain('Internal error');
    // Each attempt really waited for its timeout, and no more attempts were made than the budget allows.
    expect(stall.connections()).toBe(RETRY_BUDGET.attemptsPerCall);
    expect(r.elapsedMs).toBeGreaterThanOrEqual(RETRY_BUDGET.attemptsPerCall * TIMEOUT_S * 1000 - 50);
    expect(r.elapsedMs).toBeLessThan(BOUND_MS);
  } finally {
    await stall.close();
  }
});

test('an endpoint that stops mid-answer fails the plan the same way', async () => {
  // Headers and the start of a body that promises more, then silence.
  const stall = await stallingServer(
    'HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: 500\r\n\r\n<GetCallerIdentityResponse>',
  );
  try {
    const r = await planAgainst(stall.endpoint, TIMEOUT_S);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: STS.GetCallerIdentity timed out: ${stall.endpoint} did not answer`);
    expect(stall.connections()).toBeLessThanOrEqual(RETRY_BUDGET.attemptsPerCall);
    expect(r.elapsedMs).toBeLessThan(BOUND_MS);
  } finally {
    await stall.close();
  }
});

test('an answer trickled one byte a second ends at the per-attempt deadline, body included', async () => {
  // Headers promising 100,000 bytes, then one byte a second: never silent long enough for an idle timeout.
  const sockets = new Set<net.Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let connections = 0;
  const server = net.createServer((socket) => {
    connections++;
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      socket.write('HTTP/1.1 200 OK\r\ncontent-type: text/xml\r\ncontent-length: 100000\r\n\r\n<');
      const timer = setInterval(() => socket.write('a'), 1000);
      timers.add(timer);
      socket.on('close', () => clearInterval(timer));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const endpoint = `http://127.0.0.1:${port}`;
  const timeoutS = 2;
  try {
    const r = await planAgainst(endpoint, timeoutS);
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(`Error: STS.GetCallerIdentity timed out: ${endpoint} did not answer within 2 s`);
    expect(r.stderr).not.toContain('Internal error');
    expect(connections).toBe(RETRY_BUDGET.attemptsPerCall);
    expect(r.elapsedMs).toBeLessThan(RETRY_BUDGET.attemptsPerCall * timeoutS * 1000 + 5_000);
  } finally {
    for (const t of timers) clearInterval(t);
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}, 60_000);

test('every client is bounded, not just the first: STS answers, then the first read stalls', async () => {
  // Answers GetCallerIdentity (awsQuery) and leaves every other request without an answer.
  const sockets = new Set<net.Socket>();
  const server = http.createServer((req, res) => {
    sockets.add(req.socket);
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (!Buffer.concat(chunks).toString().includes('Action=GetCallerIdentity')) return;
      res.writeHead(200, { 'content-type': 'text/xml' });
      res.end(
        '<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult>' +
          '<Arn>arn:aws:iam::123456789012:user/t</Arn><UserId>T</UserId><Account>123456789012</Account>' +
          '</GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>',
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  try {
    const r = await planAgainst(`http://127.0.0.1:${port}`, TIMEOUT_S);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      new RegExp(
        `^Error: (CloudWatch|CloudWatchLogs|SNS|Tagging|Lambda|SQS|IAM)\\.\\w+ timed out: http://127\\.0\\.0\\.1:${port} did not answer`,
      ),
    );
    expect(r.stderr).not.toContain('STS.');
    expect(r.elapsedMs).toBeLessThan(BOUND_MS);
  } finally {
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('--request-timeout is checked before any call', async () => {
  const r = await planAgainst('http://127.0.0.1:9', 0);
  expect(r.code).toBe(1);
  expect(r.stderr).toBe('Error: --request-timeout "0" is not valid: expected seconds, from 0 to 600\n');
});

test('one retry budget: a call that keeps failing is sent at most maxSendsPerCall times, SDK and executor together', async () => {
  let sends = 0;
  const server = http.createServer((req, res) => {
    sends++;
    req.resume();
    res.writeHead(503, { 'content-type': 'text/plain' }).end('slow down');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  const clients = createClients({
    region: 'us-east-1',
    endpoint: `http://127.0.0.1:${port}`,
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
  });
  try {
    const noSleep = { ...DEFAULT_RETRY, sleep: async () => undefined };
    await expect(
      withRetry(() => clients.sns.send(new DeleteTopicCommand({ TopicArn: 'arn:aws:sns:us-east-1:1:t' })), noSleep),
    ).rejects.toMatchObject({ $metadata: { httpStatusCode: 503 } });
    expect(sends).toBe(maxSendsPerCall(RETRY_BUDGET));
    expect(maxSendsPerCall(RETRY_BUDGET)).toBeLessThanOrEqual(10);
  } finally {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
});

test('the executor never retries a timeout: the SDK already spent the call’s attempts on it', async () => {
  let calls = 0;
  const timeout = new MonitorsError('TIMEOUT', 'SNS.DeleteTopic timed out');
  await expect(
    withRetry(
      async () => {
        calls++;
        throw timeout;
      },
      { ...DEFAULT_RETRY, sleep: async () => undefined },
    ),
  ).rejects.toBe(timeout);
  expect(calls).toBe(1);
});

test('a timed-out batch of alarm deletions fails every caller at once, without a timed-out call per alarm', async () => {
  const stall = await stallingServer('');
  const clients = createClients({
    region: 'us-east-1',
    endpoint: stall.endpoint,
    credentials: { accessKeyId: 'k', secretAccessKey: 's' },
    timeouts: timeoutsFromSeconds(TIMEOUT_S),
  });
  try {
    const batcher = new AlarmDeleteBatcher(clients.cloudwatch);
    const results = await Promise.allSettled(['a', 'b', 'c'].map((name) => batcher.delete(name)));
    for (const r of results) {
      expect(r).toMatchObject({ status: 'rejected', reason: { code: 'TIMEOUT' } });
    }
    expect(stall.connections()).toBe(RETRY_BUDGET.attemptsPerCall);
  } finally {
    await stall.close();
  }
});
