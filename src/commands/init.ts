/**
 * `monitors init`: writes a starter stack and the three workflows into the current repository.
 * It refuses before writing anything when any of the files exists, and creates each file exclusively
 * (never through an existing file or symlink), so it can never overwrite someone's work.
 */
import { closeSync, existsSync, lstatSync, mkdirSync, openSync, readFileSync, writeSync } from 'fs';
import * as path from 'path';
import { MonitorsError } from '../model';
import { packageInfo, packageRoot } from '../package-info';
import { WORKFLOWS, starterFiles, type StarterOptions } from '../init/starter';

/** Does a path exist, counting a dangling symlink as existing. */
function taken(file: string): boolean {
  try {
    lstatSync(file);
    return true;
  } catch {
    return false;
  }
}

/** Writes the starter into cwd and returns the lines to print. */
export function runInit(options: StarterOptions, cwd: string, root: string = packageRoot()): string[] {
  const workflowDir = path.join(root, '.github', 'workflows');
  const workflows = Object.fromEntries(
    WORKFLOWS.map((f) => [f, readFileSync(path.join(workflowDir, f), 'utf8')]),
  ) as Record<(typeof WORKFLOWS)[number], string>;
  const files = starterFiles(options, packageInfo(root), workflows);

  const existing = files.filter((f) => taken(path.join(cwd, f.path))).map((f) => f.path);
  if (existing.length > 0) {
    throw new MonitorsError(
      'USAGE',
      `init writes nothing: ${existing.join(', ')} already exist(s). Move ${existing.length > 1 ? 'them' : 'it'} away or edit by hand (see README, "Set up in your repository").`,
    );
  }
  for (const f of files) {
    const target = path.join(cwd, f.path);
    mkdirSync(path.dirname(target), { recursive: true });
    const fd = openSync(target, 'wx'); // exclusive: fails instead of following or replacing anything
    try {
      writeSync(fd, f.text);
    } finally {
      closeSync(fd);
    }
  }
  const notGit = existsSync(path.join(cwd, '.git'))
    ? []
    : ['', 'Note: no .git here; run init at the root of your repository.'];
  return [
    ...files.map((f) => `created ${f.path}`),
    '',
    'Next:',
    `  1. npx monitors validate ${options.directory}`,
    '  2. Create the AWS roles (setup/roles.yaml in this package, or the README) and the',
    '     repository secrets MONITORS_PLAN_ROLE_ARN and MONITORS_APPLY_ROLE_ARN.',
    '  3. Create the environment "monitors" (Settings → Environments), deployment branches: main.',
    '  4. Commit, open a pull request, and read the plan comment.',
    ...notGit,
  ];
}
