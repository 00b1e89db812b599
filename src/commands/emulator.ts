/**
 * `monitors emulator`: the local AWS emulator the project tests against (ministack, the version pinned in
 * scripts/ministack.version), for a user of the package. It is a Python package, so it goes into a
 * virtualenv under the user's cache directory (python3 -m venv, then pip), once per version; it then
 * runs on 127.0.0.1 only (ministack listens on every interface unless BIND_HOST says otherwise), and
 * the command prints what to point monitors at.
 */
import { spawn, spawnSync } from 'child_process';
import { existsSync, mkdirSync, readFileSync } from 'fs';
import { homedir } from 'os';
import * as path from 'path';
import type { CliIo } from '../cli/io';
import { optionalDirectory, parseCommandLine } from '../cli/command-line';
import { commandHelp } from '../cli/table';
import { MonitorsError } from '../model';
import { packageRoot } from '../package-info';

/** The pinned version, shipped with the package beside the script the project's own tests use. */
export function pinnedVersion(root: string = packageRoot()): string {
  return readFileSync(path.join(root, 'scripts', 'ministack.version'), 'utf8').trim();
}

function cacheDir(env: NodeJS.ProcessEnv, given: string | undefined): string {
  if (given !== undefined) return path.resolve(given);
  const base = env.XDG_CACHE_HOME || path.join(env.HOME || homedir(), '.cache');
  return path.join(base, 'monitors');
}

/** The version of ministack installed in a virtualenv, if any. */
function installedVersion(venv: string): string | undefined {
  const python = path.join(venv, 'bin', 'python');
  if (!existsSync(python) || !existsSync(path.join(venv, 'bin', 'ministack'))) return undefined;
  const r = spawnSync(python, ['-c', 'import importlib.metadata as m; print(m.version("ministack"))'], {
    encoding: 'utf8',
  });
  return r.status === 0 ? r.stdout.trim() : undefined;
}

/** Installs the pinned ministack into `venv` unless it is there; returns the binary's path. */
export function ensureEmulator(venv: string, version: string, say: (line: string) => void): string {
  const bin = path.join(venv, 'bin', 'ministack');
  if (installedVersion(venv) === version) return bin;
  const python = spawnSync('python3', ['--version'], { encoding: 'utf8' });
  if (python.error || python.status !== 0)
    throw new MonitorsError(
      'USAGE',
      'python3 was not found: the emulator (ministack) is a Python package. Install Python 3.10 or newer, then run monitors emulator again',
    );
  say(`Installing ministack ${version} into ${venv} (once)…`);
  mkdirSync(path.dirname(venv), { recursive: true });
  const steps: [string, string[]][] = [
    ['python3', ['-m', 'venv', venv]],
    [path.join(venv, 'bin', 'pip'), ['install', '--quiet', '--disable-pip-version-check', `ministack==${version}`]],
  ];
  for (const [cmd, args] of steps) {
    const r = spawnSync(cmd, args, { encoding: 'utf8' });
    if (r.error || r.status !== 0) {
      const why = (r.stderr || r.error?.message || '').trim().split('\n').slice(-3).join('\n');
      throw new MonitorsError(
        'USAGE',
        `installing the emulator failed (${path.basename(cmd)} ${args[0]}):\n${why}\nCheck python3's venv module (on Debian/Ubuntu: apt install python3-venv) and network access to PyPI`,
      );
    }
  }
  return bin;
}

async function healthy(endpoint: string, exited: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !exited()) {
    try {
      if ((await fetch(`${endpoint}/_ministack/health`)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  return false;
}

/** `monitors emulator`: installs if needed, then runs the emulator in the foreground until stopped. */
export async function runEmulator(argv: readonly string[], io: CliIo): Promise<number> {
  const parsed = parseCommandLine('emulator', argv);
  const print = (line: string) => io.stdout.write(`${line}\n`);
  if (parsed.flag('help')) {
    print(commandHelp('emulator'));
    return 0;
  }
  if (optionalDirectory(parsed.positionals) !== undefined)
    throw new MonitorsError('USAGE', 'monitors emulator takes no directory. Run "monitors emulator --help".');
  const port = parsed.str('port') ?? '4566';
  if (!/^\d{1,5}$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    throw new MonitorsError('USAGE', `--port "${port.slice(0, 20)}" is not valid: expected a port number, 1 to 65535`);
  const version = pinnedVersion();
  const venv = path.join(cacheDir(io.env, parsed.str('cache-dir')), `ministack-${version}`);
  const bin = ensureEmulator(venv, version, (line) => io.stderr.write(`${line}\n`));
  if (parsed.flag('install-only')) {
    print(bin);
    return 0;
  }

  const endpoint = `http://127.0.0.1:${port}`;
  const child = spawn(bin, [], {
    // Loopback only, whatever the caller's environment says: a fake AWS must not be on the network.
    env: {
      ...io.env,
      PATH: io.env.PATH ?? process.env.PATH,
      GATEWAY_PORT: port,
      BIND_HOST: '127.0.0.1',
      LOG_LEVEL: 'WARNING',
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (c: Buffer) => (stderr = `${stderr}${c.toString()}`.slice(-2000)));
  const exit = new Promise<number>((resolve) => child.once('exit', (code) => resolve(code ?? 0)));
  const stop = () => child.kill('SIGTERM');
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  try {
    if (!(await healthy(endpoint, () => child.exitCode !== null, 30_000))) {
      stop();
      await exit;
      throw new MonitorsError(
        'USAGE',
        `the emulator did not start on ${endpoint}${/address already in use/i.test(stderr) ? ': the port is taken (choose another with --port)' : ''}`,
      );
    }
    print(`ministack ${version} is running on ${endpoint} (loopback only; Ctrl-C stops it, its state is in memory).`);
    print('In another shell, point monitors at it (any credentials; a 12-digit key id is the account):');
    print(`  export AWS_ACCESS_KEY_ID=123456789012 AWS_SECRET_ACCESS_KEY=test AWS_REGION=us-east-1`);
    print(`  npx monitors plan --endpoint-url ${endpoint}`);
    print(`  npx monitors reconcile --endpoint-url ${endpoint}`);
    await exit;
    return 0;
  } finally {
    process.removeListener('SIGINT', stop);
    process.removeListener('SIGTERM', stop);
  }
}
