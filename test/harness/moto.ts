import { spawn } from 'child_process';
import { existsSync } from 'fs';
import * as path from 'path';
import { freePort, type EmulatorProcess } from './emulator-process';
import type { TestAccount } from './emulator';

/** moto's server inside the project-local virtualenv made by scripts/install-moto.sh. */
export const MOTO_BIN = path.resolve(__dirname, '../../.venv-moto/bin/moto_server');

/** moto's one account: it answers GetCallerIdentity with this id whatever the keys. */
export const MOTO_ACCOUNT = '123456789012';

/**
 * Starts moto (the second emulator) on a free loopback port, for one test file: unlike ministack it
 * keeps one account, so each file that uses it has its own server.
 */
export async function startMoto(): Promise<EmulatorProcess> {
  if (!existsSync(MOTO_BIN)) throw new Error('moto is not installed: run bash scripts/install-moto.sh');
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(MOTO_BIN, ['-H', '127.0.0.1', '-p', String(port)], { stdio: 'ignore' });
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`moto_server exited with code ${child.exitCode}`);
    try {
      if ((await fetch(`${endpoint}/moto-api/data.json`)).ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) throw new Error(`moto did not answer at ${endpoint} within 30 s`);
    await new Promise((r) => setTimeout(r, 100));
  }
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

/** The test account on a moto server. */
export function motoAccount(endpoint: string, region = 'us-east-1'): TestAccount {
  return {
    endpoint,
    region,
    accountId: MOTO_ACCOUNT,
    credentials: { accessKeyId: 'testing', secretAccessKey: 'testing' },
  };
}
