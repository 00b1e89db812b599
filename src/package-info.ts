import { readFileSync } from 'fs';
import * as path from 'path';

/** What users' files and workflows point at: this package's name, version and GitHub repository. */
export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** "owner/name" on GitHub, from package.json's repository URL. */
  readonly repository: string;
}

/** The package's directory: the one holding package.json, from src/ (ts-node) or lib/src/ (installed). */
export function packageRoot(from: string = __dirname): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')) as { bin?: unknown };
      if (typeof manifest.bin === 'object' && manifest.bin !== null && 'monitors' in manifest.bin) return dir;
    } catch {
      // no package.json here: keep walking up
    }
    if (path.dirname(dir) === dir) throw new Error(`package.json of monitors not found above ${from}`);
  }
}

/** Reads package.json once per call; read at run time so a version bump needs no rebuild. */
export function packageInfo(root: string = packageRoot()): PackageInfo {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
    name: string;
    version: string;
    repository: { url: string };
  };
  const repository = /github\.com\/([^/]+\/[^/.]+)/.exec(manifest.repository.url)?.[1];
  if (!repository) throw new Error(`package.json repository is not a GitHub URL: ${manifest.repository.url}`);
  return { name: manifest.name, version: manifest.version, repository };
}

/** The schema's stable URL for this release: the file at the release tag (also the schema's `$id`). */
export function schemaUrl(info: PackageInfo = packageInfo()): string {
  return `https://raw.githubusercontent.com/${info.repository}/v${info.version}/schema/monitors.schema.json`;
}

/** The action reference users' workflows use: the repository at the release's major tag (moved on release). */
export function actionRef(info: PackageInfo = packageInfo()): string {
  return `${info.repository}@v${info.version.split('.')[0]}`;
}
