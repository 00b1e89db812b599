/**
 * `npm run bench` installs the emulator first, as `demo` and `test` do; and with no emulator, the bench
 * says what to run in one line instead of a spawn ENOENT stack trace.
 */
import { execFile } from 'child_process';
import { readFileSync } from 'fs';
import * as path from 'path';
import { promisify } from 'util';

const ROOT = path.join(__dirname, '..', '..');
const scripts = (
  JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }
).scripts;

test.each(['bench', 'demo', 'pretest'])('npm run %s installs the pinned emulator first', (name) => {
  expect(scripts[name]?.startsWith('bash scripts/install-emulator.sh && ')).toBe(true);
});

test('with no emulator, the bench fails with one sentence naming the command to run', async () => {
  const r = await promisify(execFile)(
    path.join(ROOT, 'node_modules', '.bin', 'ts-node'),
    ['--transpile-only', 'test/bench/run.ts'],
    {
      cwd: ROOT,
      env: { ...process.env, BENCH_ONLY: 'plan', BENCH_SIZES: '1', MONITORS_MINISTACK_BIN: '/nonexistent/ministack' },
    },
  ).catch((e: { code: number; stdout: string; stderr: string }) => e);
  expect('code' in r && r.code).toBe(1);
  expect(r.stderr).toBe(
    'bench: the local AWS emulator is not installed (/nonexistent/ministack is missing): run "npm run emulator:install" (needs python3), or "npm run bench" / "npm test", which install it first\n',
  );
}, 60_000);
