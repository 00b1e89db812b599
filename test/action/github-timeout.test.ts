/**
 * A stalled GitHub API ends the action with one clear error within the configured bound, naming the
 * call and the host, instead of holding the runner for hours. Through the bundled action; the AWS
 * side is the emulator, the GitHub side loopback servers that accept and never answer, or stop
 * mid-answer.
 */
import * as net from 'net';
import { freshAccount } from '../harness/emulator';
import { pullRequestEvent, removeWorkspaces, runBundledAction, workspace } from './run-bundled';

afterAll(removeWorkspaces);

/** Per connection: read the request, send `reply` (maybe nothing), then stay silent. */
async function stallingGitHub(reply: string) {
  const sockets = new Set<net.Socket>();
  let requests = 0;
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => undefined);
    socket.once('data', () => {
      requests++;
      if (reply) socket.write(reply);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: () => requests,
    close: async () => {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const TIMEOUT_S = 2;

async function planWithStalledGitHub(reply: string) {
  const stall = await stallingGitHub(reply);
  try {
    const started = Date.now();
    const run = await runBundledAction({
      cwd: workspace(),
      event: pullRequestEvent(7),
      inputs: { 'request-timeout': String(TIMEOUT_S) },
      account: freshAccount(),
      githubUrl: stall.url,
    });
    return { run, elapsedMs: Date.now() - started, url: stall.url, requests: stall.requests() };
  } finally {
    await stall.close();
  }
}

// The plan itself (node start, the emulator) takes a few seconds; the GitHub call adds at most the
// timeout. Generous for a loaded machine, and still far from the six hours a hang would cost.
const BOUND_MS = TIMEOUT_S * 1000 + 30_000;

test('a GitHub API that never answers fails the action with a TIMEOUT naming the call', async () => {
  const { run, elapsedMs, url, requests } = await planWithStalledGitHub('');
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(
    `::error::GitHub API GET /repos/acme/shop/issues/7/comments timed out: ${url} did not answer within ${TIMEOUT_S} s.`,
  );
  // Sent once: GitHub calls are not retried, so the timeout is the whole wait.
  expect(requests).toBe(1);
  expect(elapsedMs).toBeGreaterThanOrEqual(TIMEOUT_S * 1000);
  expect(elapsedMs).toBeLessThan(BOUND_MS);
});

test('a GitHub API that stops mid-answer fails the same way', async () => {
  const { run, elapsedMs, url } = await planWithStalledGitHub(
    'HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 400\r\n\r\n[{"id": 1, "body": "',
  );
  expect(run.code).toBe(1);
  expect(run.stdout).toContain(`::error::GitHub API GET /repos/acme/shop/issues/7/comments timed out: ${url}`);
  expect(elapsedMs).toBeLessThan(BOUND_MS);
});
