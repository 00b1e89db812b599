/**
 * `monitors emulator`: the pinned ministack for a user of the package. Installed once into a virtualenv
 * under the cache directory (here one already holding the pinned version, the project's own), run on
 * 127.0.0.1 whatever BIND_HOST the caller has, with the endpoint to use printed; a clear message when
 * python3 is missing or an option is wrong.
 */
import { execFile, spawn } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync } from 'fs';
import { connect } from 'net';
import { networkInterfaces, tmpdir } from 'os';
import * as path from 'path';
import { promisify } from 'util';
import { freePort } from '../harness/emulator-process';

const ROOT = path.join(__dirname, '..', '..');
const BIN = path.join(ROOT, 'bin', 'monitors.js');
const VERSION = readFileSync(path.join(ROOT, 'scripts', 'ministack.version'), 'utf8').trim();
const run = promisify(execFile);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-emulator-'));
  dirs.push(dir);
  return dir;
}
/** A cache directory whose virtualenv for the pinned version is the project's installed one. */
function installedCache(): string {
  const cache = scratch();
  symlinkSync(path.join(ROOT, '.venv-emulator'), path.join(cache, `ministack-${VERSION}`));
  return cache;
}

test('--install-only with the pinned version in the cache installs nothing and prints the binary', async () => {
  const cache = installedCache();
  const r = await run(process.execPath, [BIN, 'emulator', '--install-only', '--cache-dir', cache]);
  expect(r.stdout).toBe(`${path.join(cache, `ministack-${VERSION}`, 'bin', 'ministack')}\n`);
  expect(r.stderr).not.toContain('Installing');
});

test('runs on 127.0.0.1 only, prints the endpoint to use, and stops on SIGTERM', async () => {
  const port = await freePort();
  const child = spawn(process.execPath, [BIN, 'emulator', '--port', String(port), '--cache-dir', installedCache()], {
    env: { ...process.env, BIND_HOST: '0.0.0.0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  try {
    const deadline = Date.now() + 30_000;
    while (!out.includes('npx monitors reconcile') && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 100));
    const endpoint = `http://127.0.0.1:${port}`;
    expect(out).toContain(`ministack ${VERSION} is running on ${endpoint}`);
    expect(out).toContain(`npx monitors plan --endpoint-url ${endpoint}`);
    expect((await fetch(`${endpoint}/_ministack/health`)).ok).toBe(true);
    // From another address of this machine, if it has one, nothing listens.
    const other = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && i.family === 'IPv4' && !i.internal)?.address;
    if (other) {
      const reached = await new Promise<boolean>((resolve) => {
        const s = connect({ host: other, port }, () => {
          s.destroy();
          resolve(true);
        });
        s.on('error', () => resolve(false));
      });
      expect([other, reached]).toEqual([other, false]);
    }
  } finally {
    child.kill('SIGTERM');
  }
  expect(await exited).toBe(0);
}, 60_000);

test('without python3: one clear sentence, exit 1', async () => {
  const bin = scratch();
  symlinkSync(process.execPath, path.join(bin, 'node'));
  const r = await run(process.execPath, [BIN, 'emulator', '--cache-dir', scratch()], {
    env: { PATH: bin, HOME: scratch() },
  }).catch((e: { code: number; stderr: string }) => e);
  expect('code' in r && r.code).toBe(1);
  expect(r.stderr).toBe(
    'Error: python3 was not found: the emulator (ministack) is a Python package. Install Python 3.10 or newer, then run monitors emulator again\n',
  );
});

test.each([
  [['--port', 'http'], 'Error: --port "http" is not valid: expected a port number, 1 to 65535\n'],
  [['monitors'], 'Error: monitors emulator takes no directory. Run "monitors emulator --help".\n'],
])('a bad argument %j is refused before installing anything', async (argv, message) => {
  const r = await run(process.execPath, [BIN, 'emulator', ...argv, '--cache-dir', scratch()]).catch(
    (e: { code: number; stderr: string }) => e,
  );
  expect(r.stderr).toBe(message);
});
