/** `monitors plan --save FILE`: the plan run as a saved plan, written readable by its owner only. */
import { constants as fsConstants, promises as fs } from 'fs';
import type { PlanRun } from '../core';
import { MonitorsError } from '../model';
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
  if (planRefused(run.plan)) {
    throw new MonitorsError('GUARD_REFUSED', 'the plan is refused by a guard (see above), so it was not saved');
  }
  const salt = newSalt();
  const key = await digestKey(salt, run.desired.secrets);
  return {
    format: SAVED_PLAN_FORMAT,
    formatVersion: SAVED_PLAN_VERSION,
    tool: context.tool,
    createdAt: context.now.toISOString(),
    stack: run.plan.stack,
    directory: context.directory,
    options: context.options,
    inputs: {
      salt,
      files: fileRecords(run.desired, context.directory),
      env: (await envDigests(salt, run.desired.secrets)).map(({ name, digest }) => ({ name, digest })),
    },
    targets: [
      {
        accountId: run.plan.accountId,
        region: run.plan.region,
        liveFingerprint: keyedDigest(key, run.plan.liveFingerprint),
        live: liveRecords(run.live.resources, run.plan, run.desired, key),
        changes: changeRecords(run.plan, key),
      },
    ],
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
