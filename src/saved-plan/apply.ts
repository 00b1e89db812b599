/**
 * `monitors apply FILE`: applies a saved plan only if the world it was computed from is still there.
 * The file holds no secret, so the changes to run are computed again from the same files (their
 * digests must match) and the same live state (its digests must match), and must come out equal,
 * change by change, to the saved ones; otherwise nothing is applied and the refusal says what moved.
 * Every refusal about the file itself comes before any AWS call; then one STS call checks the account.
 */
import { constants as fsConstants, promises as fs } from 'fs';
import {
  applyStack,
  applyTargets,
  planStack,
  planStacks,
  type ApplyTuning,
  type PlanRun,
  type RunOptions,
  type TargetApply,
} from '../core';
import type { ApplyReporter, ApplyResult } from '../apply/executor';
import { MonitorsError, targetLabel, visible, type DesiredStack, type Target } from '../model';
import { canonicalJson } from '../model/normalize';
import { changedInputs, changedLive } from './compare';
import { digestKey, keyedDigest } from './digest';
import { MAX_SAVED_PLAN_BYTES, parseSavedPlan, type SavedPlan, type SavedTarget } from './format';
import { changeRecords, fileRecords, liveRecords } from './records';
import { allSecrets } from './save';

/** A refusal with the list of what changed, one line each, for the caller to print. */
export class StalePlanError extends MonitorsError {
  constructor(
    message: string,
    readonly lines: readonly string[],
    /** What to do about it, printed after the list. */
    readonly footer: string,
  ) {
    super('SAVED_PLAN_STALE', message);
    this.name = 'StalePlanError';
  }
}

/**
 * Reads and checks the file: through one handle checked after opening (a regular file, under the
 * cap; non-blocking, so a FIFO cannot hang it), then parsed and validated before anything in it is used.
 */
export async function readSavedPlan(file: string): Promise<SavedPlan> {
  const refuse = (why: string) => new MonitorsError('SAVED_PLAN_INVALID', `cannot read the saved plan ${file}: ${why}`);
  const handle = await fs
    .open(file, fsConstants.O_RDONLY | fsConstants.O_NONBLOCK)
    .catch((err: NodeJS.ErrnoException) => {
      throw refuse(err.code ?? 'error');
    });
  try {
    const st = await handle.stat();
    if (!st.isFile()) throw refuse('it is not a regular file');
    if (st.size > MAX_SAVED_PLAN_BYTES) throw refuse(`it is ${st.size} bytes, over 64 MiB: not a saved plan`);
    // Never past the cap, even if the file grows after the check.
    const buffer = Buffer.alloc(st.size + 1);
    const { bytesRead } = await handle.read(buffer, 0, buffer.length, 0);
    if (bytesRead > st.size) throw refuse('it changed while being read');
    return parseSavedPlan(buffer.subarray(0, bytesRead).toString('utf8'), file);
  } finally {
    await handle.close();
  }
}

/**
 * The checks that need no AWS call: which tool made it, and what it holds: one entry without a
 * target name (a stack without targets), or one named entry per target (a stack with targets).
 */
export function checkProvenance(
  saved: SavedPlan,
  file: string,
  tool: { name: string; version: string },
): { readonly single: SavedTarget } | { readonly targets: readonly SavedTarget[] } {
  if (saved.tool.name !== tool.name || saved.tool.version !== tool.version) {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${file} was made by ${visible(saved.tool.name)} ${visible(saved.tool.version)}; this is ${tool.name} ${tool.version}. A plan is applied by the version that made it: make a new plan.`,
    );
  }
  const named = saved.targets.filter((t) => t.target !== undefined).length;
  if (named > 0) {
    const labels = saved.targets.map((t) => (t.target === undefined ? '' : placeOf(t)));
    if (named < saved.targets.length || new Set(labels).size < labels.length) {
      throw new MonitorsError(
        'SAVED_PLAN_INVALID',
        `${file} mixes entries with and without a target, or names one target twice: it is not a plan this version wrote`,
      );
    }
    return { targets: saved.targets };
  }
  const [target, ...more] = saved.targets;
  if (!target || more.length > 0) {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${file} holds ${saved.targets.length} targets without their names; a plan of several accounts or regions names each (stack.targets)`,
    );
  }
  return { single: target };
}

/** A saved target's place as every output names it: "alias/region". */
function placeOf(t: SavedTarget): string {
  return targetLabel({ name: t.target ?? '', region: t.region });
}

/** What apply needs besides the file: credentials, endpoint, environment, lock and timeout settings. */
export type ApplyBase = Omit<
  RunOptions,
  'directory' | 'region' | 'regionName' | 'adopt' | 'allowMassDelete' | 'maxDeleteShare' | 'tagSource' | 'checks'
>;

/**
 * Recomputes the saved plan's run, refusing at the first check that fails: the stack, the files and
 * `${env:}` values (before AWS), the account (one STS call), the live state, and the changes.
 */
export async function reviveSavedPlan(saved: SavedPlan, target: SavedTarget, file: string, base: ApplyBase) {
  let key: Buffer | undefined;
  const remake = `Make a new plan: monitors plan --save ${file}`;
  const options: RunOptions = {
    ...base,
    directory: saved.directory,
    region: target.region,
    regionName: `the region of ${file}`,
    adopt: saved.options.adopt,
    allowMassDelete: saved.options.allowMassDelete,
    maxDeleteShare: saved.options.maxDeleteShare,
    tagSource: saved.options.tagSource,
    checks: {
      loaded: async (stack: DesiredStack) => {
        if (stack.settings.name !== saved.stack) {
          throw new MonitorsError(
            'SAVED_PLAN_INVALID',
            `${file} is a plan of stack "${visible(saved.stack)}"; the files in ${saved.directory} declare stack "${visible(stack.settings.name)}". Nothing was applied.`,
          );
        }
        const inputs = await changedInputs(saved, fileRecords(stack, saved.directory), stack.secrets);
        if (inputs.length > 0) {
          throw new StalePlanError(
            `${file} is stale: the files it was computed from changed since the plan was made (${saved.createdAt}):`,
            inputs,
            `Nothing was applied. ${remake}`,
          );
        }
        key = await digestKey(saved.inputs.salt, stack.secrets);
      },
      account: (accountId: string) => {
        if (accountId !== target.accountId) {
          throw new MonitorsError(
            'SAVED_PLAN_INVALID',
            `${file} is a plan for account ${target.accountId}; these credentials are for account ${accountId}. Nothing was applied.`,
          );
        }
      },
    },
  };
  const run = await planStack(options);
  if (!key) throw new MonitorsError('INTERNAL', 'the saved plan was not checked against its files', 'internal');
  const live = liveRecords(run.live.resources, run.plan, run.desired, key);
  if (keyedDigest(key, run.plan.liveFingerprint) !== target.liveFingerprint) {
    const lines = changedLive(target.live, live);
    throw new StalePlanError(
      `${file} is stale: live state changed since the plan was made (${saved.createdAt}):`,
      lines.length > 0 ? lines : ['the live state differs in a way no single resource shows (its scope changed)'],
      `Nothing was applied. ${remake}`,
    );
  }
  // Same files, same live state, same version: the plan comes out the same unless the file was edited.
  const changes = changeRecords(run.plan, key);
  if (canonicalJson(changes) !== canonicalJson(target.changes) || canonicalJson(live) !== canonicalJson(target.live)) {
    throw new MonitorsError(
      'SAVED_PLAN_INVALID',
      `${file} does not hold the plan its own files and live state give: it was edited. Nothing was applied. ${remake}`,
    );
  }
  return { run, options, key };
}

/**
 * The same comparison again under the apply lock, on the re-check's read of the kinds the plan
 * changes: whatever moved while the lock was awaited refuses the whole plan before any write. That
 * read's scope also names what the plan deletes, so a stranger seen only there is not news; one
 * owned by this stack, or where the plan creates something, is.
 */
function recheckUnderLock(
  file: string,
  target: SavedTarget,
  revived: { readonly run: PlanRun; readonly key: Buffer },
  label?: string,
): NonNullable<ApplyTuning['recheck']> {
  const { run, key } = revived;
  const creates = new Set(target.changes.filter((c) => c.action === 'create').map((c) => c.id));
  return (live, kinds) => {
    const now = liveRecords(live.resources, run.plan, run.desired, key).filter((r) => kinds.has(r.kind));
    const then = target.live.filter((r) => kinds.has(r.kind));
    const lines = changedLive(then, now, (r) => (r.owned && r.ownerStack === undefined) || creates.has(r.id));
    if (lines.length > 0 && label !== undefined) {
      // One target of several: reported as that target's failure, so the lines go in the message.
      throw new MonitorsError(
        'SAVED_PLAN_STALE',
        `${file} is stale in ${label}: live state changed while the apply waited for the target's lock: ${lines.join('; ')}. Nothing was applied in ${label}. Make a new plan: monitors plan --save ${file}`,
      );
    }
    if (lines.length > 0) {
      throw new StalePlanError(
        `${file} is stale: live state changed while the apply waited for the stack's lock:`,
        lines,
        `Nothing was applied. Make a new plan: monitors plan --save ${file}`,
      );
    }
  };
}

/** What applying a saved plan came to: one place, or every target of a stack with targets. */
export type SavedApply =
  | {
      readonly saved: SavedPlan;
      readonly run: PlanRun;
      /** Absent when there was nothing to do. */
      readonly result: ApplyResult | undefined;
    }
  | {
      readonly saved: SavedPlan;
      readonly targets: readonly Target[];
      /** Absent when no target had anything to do. */
      readonly applies: readonly TargetApply[] | undefined;
    };

/** Applies a saved plan after every check: exactly its changes, under the stack's lock (each target's). */
export async function applySavedPlan(
  file: string,
  base: ApplyBase,
  tool: { name: string; version: string },
  reporterFor?: (target?: Target) => ApplyReporter | undefined,
  tuning: ApplyTuning = {},
  /** Runs the apply of a stack without targets (e.g. inside a settle's mute): the default runs it alone. */
  around: (run: PlanRun, options: RunOptions, apply: () => Promise<ApplyResult>) => Promise<ApplyResult> = (
    _r,
    _o,
    apply,
  ) => apply(),
): Promise<SavedApply> {
  const saved = await readSavedPlan(file);
  const held = checkProvenance(saved, file, tool);
  if ('targets' in held) return applySavedTargets(saved, file, base, reporterFor, tuning);
  const target = held.single;
  const revived = await reviveSavedPlan(saved, target, file, base);
  const { run, options } = revived;
  if (!run.plan.changes.some((c) => c.action !== 'noop')) return { saved, run, result: undefined };
  const recheck = recheckUnderLock(file, target, revived);
  const apply = () => applyStack(run, options, reporterFor?.(), { ...tuning, recheck });
  return { saved, run, result: await around(run, options, apply) };
}

/**
 * A saved plan of a stack with targets is one reviewed unit, as Terraform treats a saved plan: every
 * target is planned again and checked on its own, and if any could not be planned, or its live
 * state moved, nothing is applied anywhere and the refusal names each target and resource. Only
 * then are the targets applied at once, each under its own lock; a target whose live state moves
 * while it waits for its lock is refused there alone (the others may already be writing).
 */
async function applySavedTargets(
  saved: SavedPlan,
  file: string,
  base: ApplyBase,
  reporterFor: ((target?: Target) => ApplyReporter | undefined) | undefined,
  tuning: ApplyTuning,
): Promise<SavedApply> {
  let key: Buffer | undefined;
  const remake = `Make a new plan: monitors plan --save ${file}`;
  const byPlace = new Map(saved.targets.map((t) => [placeOf(t), t]));
  const options: RunOptions = {
    ...base,
    directory: saved.directory,
    adopt: saved.options.adopt,
    allowMassDelete: saved.options.allowMassDelete,
    maxDeleteShare: saved.options.maxDeleteShare,
    tagSource: saved.options.tagSource,
    checks: {
      targets: async (loaded) => {
        const name = loaded[0]?.stack.settings.name ?? '';
        if (name !== saved.stack) {
          throw new MonitorsError(
            'SAVED_PLAN_INVALID',
            `${file} is a plan of stack "${visible(saved.stack)}"; the files in ${saved.directory} declare stack "${visible(name)}". Nothing was applied.`,
          );
        }
        const secrets = allSecrets(loaded.map((l) => l.stack));
        const first = loaded[0]?.stack;
        const inputs = first ? await changedInputs(saved, fileRecords(first, saved.directory), secrets) : [];
        if (inputs.length > 0) {
          throw new StalePlanError(
            `${file} is stale: the files it was computed from changed since the plan was made (${saved.createdAt}):`,
            inputs,
            `Nothing was applied in any target. ${remake}`,
          );
        }
        // Same files, so the same targets, unless the file's list was edited.
        const places = (list: readonly string[]) => [...list].sort().join(', ');
        const now = places(loaded.map((l) => `${targetLabel(l.target)} (${l.target.account})`));
        const then = places(saved.targets.map((t) => `${placeOf(t)} (${t.accountId})`));
        if (now !== then) {
          throw new MonitorsError(
            'SAVED_PLAN_INVALID',
            `${file} holds the targets ${visible(then)}; its files declare ${now}: it was edited. Nothing was applied. ${remake}`,
          );
        }
        key = await digestKey(saved.inputs.salt, secrets);
      },
    },
  };
  const plans = await planStacks(options);
  if (!plans.targets || !key) {
    throw new MonitorsError('INTERNAL', 'the saved plan was not checked against its files', 'internal');
  }
  const k = key;
  const failed = plans.targets.flatMap((t) =>
    t.status === 'failed' ? [`${targetLabel(t.target)}: ${t.error.message}`] : [],
  );
  if (failed.length > 0) {
    throw new StalePlanError(
      `${file} cannot be applied: ${failed.length === 1 ? 'a target' : 'targets'} could not be planned again:`,
      failed,
      `Nothing was applied in any target. Fix what is named, then apply again or ${remake.toLowerCase()}`,
    );
  }
  const checked: { target: Target; saved: SavedTarget; run: PlanRun }[] = [];
  const stale: string[] = [];
  for (const t of plans.targets) {
    if (t.status !== 'planned') continue;
    const label = targetLabel(t.target);
    const entry = byPlace.get(label);
    if (!entry) throw new MonitorsError('INTERNAL', `no saved entry for ${label}`, 'internal');
    const live = liveRecords(t.run.live.resources, t.run.plan, t.run.desired, k);
    if (keyedDigest(k, t.run.plan.liveFingerprint) !== entry.liveFingerprint) {
      const lines = changedLive(entry.live, live);
      stale.push(
        ...(lines.length > 0
          ? lines
          : ['the live state differs in a way no single resource shows (its scope changed)']
        ).map((l) => `${label}: ${l}`),
      );
      continue;
    }
    const changes = changeRecords(t.run.plan, k);
    if (canonicalJson(changes) !== canonicalJson(entry.changes) || canonicalJson(live) !== canonicalJson(entry.live)) {
      throw new MonitorsError(
        'SAVED_PLAN_INVALID',
        `${file} does not hold the plan its own files and live state give in ${label}: it was edited. Nothing was applied. ${remake}`,
      );
    }
    checked.push({ target: t.target, saved: entry, run: t.run });
  }
  if (stale.length > 0) {
    throw new StalePlanError(
      `${file} is stale: live state changed since the plan was made (${saved.createdAt}):`,
      stale,
      `Nothing was applied in any target: a saved plan is applied whole or not at all. ${remake}`,
    );
  }
  const targets = plans.targets.map((t) => t.target);
  if (!checked.some((c) => c.run.plan.changes.some((ch) => ch.action !== 'noop'))) {
    return { saved, targets, applies: undefined };
  }
  const byTarget = new Map(checked.map((c) => [targetLabel(c.target), c]));
  const applies = await applyTargets(
    plans.targets,
    options,
    (target) => reporterFor?.(target),
    (target) => {
      const label = targetLabel(target);
      const c = byTarget.get(label);
      if (!c) return tuning;
      return { ...tuning, recheck: recheckUnderLock(file, c.saved, { run: c.run, key: k }, label) };
    },
  );
  return { saved, targets, applies };
}
