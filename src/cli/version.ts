import { readFileSync } from 'fs';
import * as path from 'path';

/**
 * The version in the package's own package.json, found by walking up from this module: the same code
 * then works from src/ (ts-node), lib/src/ (compiled), dist/ (the bundled action) and node_modules.
 * Read at run time so a release bump never needs a rebuild to be reported right.
 */
export function packageVersion(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    const found = readManifest(path.join(dir, 'package.json'));
    if (found) return found;
    if (path.dirname(dir) === dir) return 'unknown';
  }
}

function readManifest(file: string): string | undefined {
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as { name?: unknown; version?: unknown };
    return typeof manifest.name === 'string' && typeof manifest.version === 'string' ? manifest.version : undefined;
  } catch {
    return undefined;
  }
}
