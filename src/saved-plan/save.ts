/** `monitors plan --save FILE`: the plan run as a saved plan, written readable by its owner only. */
import { constants as fsConstants, promises as fs } from 'fs';
import type { PlanRun, TargetRun } from '../core';
import { MonitorsError, targetLabel, type SecretValue } from '../model';
import { planRefused } from '../plan/guards';
import { digestKey, envDigests, keyedDigest, newSalt } from './digest';
import {
  SAVED_PLAN_FORMAT,
  SAVED_PLAN_VERSION,
  serializeSavedPlan,
  type SavedOptions,
  type SavedPlanBody,
} from './format';
import { changeRecords, fileRecords, liveRecords } from './records';

/** What the saved plan says about where and how it was made, beside the run itself. */
export interface SaveContext {
  readonly directory: string;
  readonly options: SavedOptions;
  readonly tool: { readonly name: string; readonly version: string };
  readonly now: Date;
}

/** The saved plan of a run. A plan the guards refuse cannot be applied, so it is not saved. */
export async function buildSavedPlan(run: PlanRun, context: SaveContext): Promise<SavedPlanBody> {
  return buildSaved([{ run }], context);
}

/**
 * The saved plan of a stack with targets: one entry per target, all under one salt and key. A
 * saved plan is one reviewed unit, so a target that could not be planned (or that a guard refuses)
 * means nothing is saved: a file missing a target would apply as if the others were all there is.
 */
export async function buildSavedTargetsPlan(
  targets: readonly TargetRun[],
  context: SaveContext,
): Promise<SavedPlanBody> {
  const failed = targets.flatMap((t) => (t.status === 'failed' ? [targetLabel(t.target)] : []));
  if (failed.length > 0) {
    throw new MonitorsError(
      'TARGET',
      `the plan of ${failed.join(', ')} failed (see above), so the plan was not saved: a saved plan holds every target or none`,
    );
  }
  const planned = targets.flatMap((t) => (t.status === 'planned' ? [{ run: t.run, name: t.target.name }] : []));
  const refused = planned
    .filter((t) => planRefused(t.run.plan))
    .map((t) => targetLabel({ name: t.name, region: t.run.plan.region }));
  if (refused.length > 0) {
    throw new MonitorsError(
      'GUARD_REFUSED',
      `the plan of ${refused.join(', ')} is refused by a guard (see above), so it was not saved`,
    );
  }
  if (planned.length === 0) throw new MonitorsError('USAGE', 'the stack has no target to save a plan of');
  return buildSaved(planned, context);
}

/** Every `${env:}` value the targets resolved, once by name (targets share the files, so the values). */
export function allSecrets(stacks: readonly { readonly secrets: readonly SecretValue[] }[]): SecretValue[] {
  const byName = new Map<string, SecretValue>();
  for (const stack of stacks) for (const s of stack.secrets) if (!byName.has(s.envName)) byName.set(s.envName, s);
  return [...byName.values()];
}

async function buildSaved(
  runs: readonly { readonly run: PlanRun; readonly name?: string }[],
  context: SaveContext,
): Promise<SavedPlanBody> {
  const first = runs[0]?.run;
  if (!first) throw new MonitorsError('INTERNAL', 'no plan to save', 'internal');
  if (runs.some(({ run }) => planRefused(run.plan))) {
    throw new MonitorsError('GUARD_REFUSED', 'the plan is refused by a guard (see above), so it was not saved');
  }
  const salt = newSalt();
  const secrets = allSecrets(runs.map(({ run }) => run.desired));
  const key = await digestKey(salt, secrets);
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_VERSION,
    tool: context.tool,
    createdAt: context.now.toISOString(),
    stack: first.plan.stack,
    directory: context.directory,
    options: context.options,
    inputs: {
      salt,
      files: fileRecords(first.desired, context.directory),
      env: (await envDigests(salt, secrets)).map(({ name, digest }) => ({ name, digest })),
    },
    targets: runs.map(({ run, name }) => ({
      ...(name === undefined ? {} : { target: name }),
      accountId: run.plan.accountId,
      region: run.plan.region,
      liveFingerprint: keyedDigest(key, run.plan.liveFingerprint),
      live: liveRecords(run.live.resources, run.plan, run.desired, key),
      changes: changeRecords(run.plan, key),
    })),
  };
}

/**
 * Writes the file with mode 0600 whatever was there: an existing file is replaced, not rewritten
 * in place (its mode would survive), and a symlink at the path is refused rather than followed.
 */
export async function writeSavedPlan(file: string, body: SavedPlanBody): Promise<void> {
  const text = serializeSavedPlan(body);
  const st = await fs.lstat(file).catch(() => undefined);
  if (st?.isSymbolicLink()) {
    throw new MonitorsError('USAGE', `--save ${file} is a symbolic link: give the path of a regular file`);
  }
  if (st && !st.isFile()) throw new MonitorsError('USAGE', `--save ${file} exists and is not a regular file`);
  if (st) await fs.unlink(file);
  const handle = await fs.open(
    file,
    fsConstants.O_WRONLY | fsConstants.O_CREAT | fsConstants.O_EXCL | fsConstants.O_NOFOLLOW,
    0o600,
  );
  try {
    await handle.chmod(0o600); // the umask may have taken bits away, never added any; be exact anyway
    await handle.writeFile(text);
  } finally {
    await handle.close();
  }
}
