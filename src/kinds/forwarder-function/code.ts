/**
 * The forwarder's code as shipped with the tool: dist/forwarder/ (forwarder.zip and forwarder.json,
 * see docs/forwarder.md). The action runs dist/index.js with the zip beside it (dist/forwarder/);
 * the npm package and a checkout run lib/src/… or src/… with dist/forwarder/ at the package root.
 * Found by walking up from this module, so every layout works without configuration.
 */
import { existsSync, readFileSync } from 'fs';
import { dirname, join } from 'path';
import { MonitorsError } from '../../model';

export interface ForwarderCode {
  /** Base64 sha256 of the zip: what Lambda reports as CodeSha256. */
  readonly codeSha256: string;
  readonly runtime: string;
  readonly handler: string;
  readonly zipPath: string;
}

let cached: ForwarderCode | undefined;

function candidates(): string[] {
  const out = [join(__dirname, 'forwarder')];
  for (let dir = __dirname; ; dir = dirname(dir)) {
    out.push(join(dir, 'dist', 'forwarder'));
    if (dirname(dir) === dir) return out;
  }
}

/** The built forwarder's description; throws when the tool was shipped without it. */
export function forwarderCode(): ForwarderCode {
  if (cached) return cached;
  const dir = candidates().find((d) => existsSync(join(d, 'forwarder.json')) && existsSync(join(d, 'forwarder.zip')));
  if (!dir)
    throw new MonitorsError(
      'INTERNAL',
      'the chat forwarder\'s code (dist/forwarder/forwarder.zip) is missing from this installation: reinstall monitors, or run "npm run build:forwarder" in a checkout',
      'internal',
    );
  const meta = JSON.parse(readFileSync(join(dir, 'forwarder.json'), 'utf8')) as Omit<ForwarderCode, 'zipPath'>;
  cached = {
    codeSha256: meta.codeSha256,
    runtime: meta.runtime,
    handler: meta.handler,
    zipPath: join(dir, 'forwarder.zip'),
  };
  return cached;
}

/** The zip's bytes, for CreateFunction and UpdateFunctionCode. */
export function forwarderZip(): Buffer {
  return readFileSync(forwarderCode().zipPath);
}
