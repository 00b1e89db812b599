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
import { ROLE_SECRETS } from '../setup/roles-template';

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
  return [...files.map((f) => `created ${f.path}`), '', ...nextSteps(options.directory), ...notGit];
}

/**
 * The guide init prints: from the files to a protected pipeline, in the order a team does it. The
 * secret names are the ones the workflows read (ROLE_SECRETS, also in roles-template's outputs).
 */
export function nextSteps(dir: string): string[] {
  return [
    'Next:',
    `  1. Check the files offline: npx monitors validate ${dir} && npx monitors test ${dir}`,
    `  2. The AWS roles: npx monitors roles-template ${dir} > monitors-roles.yaml, deploy it with the`,
    '     command in its header, and store its outputs as repository secrets (Settings → Secrets and',
    `     variables → Actions): PlanRoleArn as ${ROLE_SECRETS.plan}, ApplyRoleArn as ${ROLE_SECRETS.apply}.`,
    '  3. Protect applies: Settings → Environments → New environment "monitors"; deployment branches:',
    '     the default branch only; add required reviewers if an apply should wait for a person.',
    '  4. Require the plan: protect the default branch and require the status checks "plan" and',
    '     "validate" (workflow "monitors plan": a branch of this repository runs plan, a fork validate;',
    '     the one skipped counts as passed), so nothing merges unplanned or invalid.',
    `  5. Review by owners: add "/${dir}/ @your-org/your-team" to .github/CODEOWNERS and require code`,
    '     owner review in the same branch protection.',
    '  6. Commit, open a pull request, and read the plan comment; merging applies it.',
    'After rotating a secret (a webhook behind ${env:NAME}, or a role): update the repository secret of',
    'that name, then run "monitors apply" (Actions → monitors apply → Run workflow) or merge any change;',
    'the plan shows the field changed without its value. A saved plan made before is refused: plan again.',
    'The full guide: docs/getting-started.md in this package.',
  ];
}
