import { closeSync, lstatSync, mkdirSync, openSync, readdirSync, writeSync, type Stats } from 'fs';
import * as path from 'path';
import { MonitorsError } from '../model';

function stat(p: string): Stats | undefined {
  try {
    return lstatSync(p);
  } catch {
    return undefined;
  }
}

/**
 * Refuses, before any AWS call, an output directory that cannot take an import: a path that is not a
 * directory, or (without --force) one that already holds monitors files, which an import would mix
 * with another stack's.
 */
export function checkOutDir(dir: string, force: boolean): void {
  const s = stat(dir);
  if (s === undefined) return;
  if (!s.isDirectory())
    throw new MonitorsError(
      'USAGE',
      `--out ${dir} is ${s.isSymbolicLink() ? 'a symbolic link' : 'a file'}, not a directory: choose a directory (it is created if missing)`,
    );
  const existing = readdirSync(dir).filter((n) => /\.ya?ml$/.test(n));
  if (existing.length > 0 && !force)
    throw new MonitorsError(
      'USAGE',
      `import writes nothing: ${dir} already holds monitors files (${existing.slice(0, 5).join(', ')}${existing.length > 5 ? ', …' : ''}). Choose another --out, or pass --force to overwrite files of the same name`,
    );
}

/** Writes the files; an existing one only with `force`, and never through a symbolic link. */
export function writeImport(dir: string, texts: Readonly<Record<string, string>>, force: boolean): string[] {
  mkdirSync(dir, { recursive: true });
  const names = Object.keys(texts);
  const existing = names.filter((n) => stat(path.join(dir, n)) !== undefined);
  if (existing.length > 0 && !force)
    throw new MonitorsError(
      'USAGE',
      `import writes nothing: ${existing.join(', ')} already exist(s) in ${dir}. Pass --force to overwrite`,
    );
  const unsafe = existing.filter((n) => !(stat(path.join(dir, n)) as Stats).isFile());
  if (unsafe.length > 0)
    throw new MonitorsError(
      'USAGE',
      `import writes nothing: ${unsafe.join(', ')} in ${dir} is not a plain file (a link or a directory); move it away`,
    );
  for (const name of names) {
    // Exclusive unless forced; forced, the file was just seen to be a plain file, not a link.
    const fd = openSync(path.join(dir, name), existing.includes(name) ? 'w' : 'wx');
    try {
      writeSync(fd, texts[name] as string);
    } finally {
      closeSync(fd);
    }
  }
  return names.map((n) => path.join(dir, n));
}
