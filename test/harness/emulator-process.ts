import { spawn, type ChildProcess } from 'child_process';
import { existsSync } from 'fs';
import { createServer } from 'net';
import * as path from 'path';

/**
 * The ministack binary inside the project-local virtualenv made by scripts/install-emulator.sh
 * (MONITORS_MINISTACK_BIN names another, e.g. one `monitors emulator --install-only` printed).
 */
export const MINISTACK_BIN =
  process.env.MONITORS_MINISTACK_BIN ?? path.resolve(__dirname, '../../.venv-emulator/bin/ministack');

/** The emulator is not installed where the scripts expect it: said in one sentence, no stack trace. */
export class EmulatorNotInstalled extends Error {
  constructor() {
    super(
      `the local AWS emulator is not installed (${MINISTACK_BIN} is missing): run "npm run emulator:install" (needs python3), or "npm run bench" / "npm test", which install it first`,
    );
    this.name = 'EmulatorNotInstalled';
  }
}

/** A running emulator: its endpoint and how to stop it. */
export interface EmulatorProcess {
  readonly endpoint: string;
  readonly pid: number;
  stop(): Promise<void>;
}

/** Asks the OS for a free loopback port. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() =>
        typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port')),
      );
    });
  });
}

async function waitHealthy(endpoint: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`ministack exited with code ${child.exitCode} before it was healthy`);
    try {
      const res = await fetch(`${endpoint}/_ministack/health`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`ministack did not become healthy at ${endpoint} within ${timeoutMs} ms`);
}

/** Starts ministack on a free loopback port and waits until its health endpoint answers. */
export async function startEmulator(options: { logFile?: string } = {}): Promise<EmulatorProcess> {
  // spawn would fail with a raw ENOENT stack; the way to fix it is one command.
  if (!existsSync(MINISTACK_BIN)) throw new EmulatorNotInstalled();
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(MINISTACK_BIN, [], {
    // ministack listens on every interface by default; loopback only keeps the fake AWS off the network.
    env: { ...process.env, GATEWAY_PORT: String(port), BIND_HOST: '127.0.0.1', LOG_LEVEL: 'WARNING' },
    stdio: options.logFile ? ['ignore', 'pipe', 'pipe'] : 'ignore',
    detached: false,
  });
  if (options.logFile && child.stdout && child.stderr) {
    const fs = await import('fs');
    const out = fs.createWriteStream(options.logFile, { flags: 'a' });
    child.stdout.pipe(out);
    child.stderr.pipe(out);
  }
  await waitHealthy(endpoint, child, 30_000);
  return {
    endpoint,
    pid: child.pid ?? -1,
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
        setTimeout(() => child.kill('SIGKILL'), 3000).unref();
      }),
  };
}

/** Wipes all emulator state (every account). Only for a process that owns the emulator alone. */
export async function resetEmulatorState(endpoint: string): Promise<void> {
  const res = await fetch(`${endpoint}/_ministack/reset`, { method: 'POST' });
  if (!res.ok) throw new Error(`reset failed: HTTP ${res.status}`);
}
