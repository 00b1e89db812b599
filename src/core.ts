/**
 * The core the entry points call: load → read → plan, and apply. Entry points (cli.ts, action.ts)
 * parse their inputs into RunOptions, call these, and map results and typed errors to output.
 */
import { hostname } from 'os';
import { resolveAccountId } from './aws/account';
import { assumeRoleProvider } from './aws/assume-role';
import { createClients, DEFAULT_TIMEOUTS, timeoutsFromSeconds, type AwsClients } from './aws/clients';
import { defaultChainRegion } from './aws/default-region';
import { readLiveState, type ReadOptions } from './aws/read-live';
import { loadStacks, withAccountId } from './config/load';
import { mapLimit } from './apply/concurrency';
import { applyPlan, type ApplyReporter, type ApplyResult } from './apply/executor';
import {
  acquireLock,
  deleteLock,
  describeHolder,
  lockIdentity,
  lockParameterName,
  readLock,
  releaseOnSignals,
  whileHeld,
  type HeldLock,
} from './apply/lock';
import { findStaleChanges } from './apply/stale';
import type { TargetApply } from './apply/targets';
import { DEFAULT_QUOTAS, RateLimiter, pacing } from './apply/rate-limiter';
import { HANDLERS } from './kinds';
import { discoverPacks } from './kinds/pack/discover-read';
import { expandPacks } from './kinds/pack/expand';
import { APPLY_STEPS } from './kinds/apply-steps';
import type { DeclaredScope } from './kinds/kind';
import { kindInfo } from './kinds/registry';
import { AlarmDeleteBatcher } from './kinds/shared/alarm-deletes';
import {
  MonitorsError,
  type DesiredStack,
  type LiveState,
  type Plan,
  type ResourceKind,
  type ResourceSpec,
  type StackSettings,
  type Target,
  type TargetFailure,
  type TargetPlan,
  hasChanges,
  targetLabel,
} from './model';
import { planRefused, refusalMessage } from './plan/guards';
import { computePlan } from './plan/diff-plan';
import { formerNamesInUse, refuseLiveFormerNames } from './plan/former-names';
import { fingerprintLive } from './plan/fingerprint';

/** Everything a run needs to know, parsed once by an entry point. */
export interface RunOptions {
  /** The monitors directory. */
  readonly directory: string;
  /** The region asked for (--region, the action's input); must agree with the stack's region if it sets one. */
  readonly region?: string;
  /** How that region is named in messages (default "--region"). */
  readonly regionName?: string;
  readonly profile?: string;
  /** A custom AWS endpoint (the local emulator). */
  readonly endpointUrl?: string;
  /** How ownership tags are read: one paged tagging-API listing, or one call per resource. */
  readonly tagSource?: 'tagging-api' | 'per-resource';
  /** Take over declared resources that exist without an ownership tag. */
  readonly adopt: boolean;
  /** Lift the mass-delete guards. */
  readonly allowMassDelete: boolean;
  /** Share of owned resources a plan may delete before the mass-delete guard refuses it. */
  readonly maxDeleteShare: number;
  /** Where `${env:NAME}` values come from. */
  readonly env: NodeJS.ProcessEnv;
  /** Hears each `${env:}` value as soon as it is read (the action registers it with the runner). */
  readonly onSecret?: (value: string) => void;
  /** The run reads but never writes what `${env:}` feeds (backtest): an unset one is a warning. */
  readonly secretsOptional?: boolean;
  /** Seconds one attempt of one AWS call may take (default: DEFAULT_TIMEOUTS in aws/clients.ts). */
  readonly requestTimeoutSeconds?: number;
  /** Explicit credentials (tests); otherwise the SDK's default chain. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
  /** Requests per second by "Service.Operation" where the account's quotas differ from AWS's defaults. */
  readonly quotas?: Readonly<Record<string, number>>;
  /** Apply: how long to wait for another apply's lock before failing (default 0: fail at once). */
  readonly lockWaitSeconds?: number;
  /** Apply: after how long a lock counts as abandoned and may be taken over (default 30 minutes). */
  readonly lockTtlSeconds?: number;
  /**
   * Checks a caller runs at two points of a plan (a saved plan's, src/saved-plan/): on what was loaded,
   * before AWS is asked anything; on the account, before live state is read. Throwing stops the run.
   */
  readonly checks?: {
    readonly loaded?: (stack: DesiredStack) => Promise<void>;
    readonly account?: (accountId: string) => void;
    /**
     * A stack with targets: on every target's loaded stack at once, before any target is planned
     * (so before any AWS call). Throwing stops the whole run; `loaded` and `account` then run per target.
     */
    readonly targets?: (targets: readonly { readonly target: Target; readonly stack: DesiredStack }[]) => Promise<void>;
  };
}

/** A lock older than this is taken to be left by a crashed run; longer than any apply should take. */
export const DEFAULT_LOCK_TTL_SECONDS = 30 * 60;

/** A computed plan with what it was computed from. */
export interface PlanRun {
  readonly desired: DesiredStack;
  readonly live: LiveState;
  readonly plan: Plan;
  /** AWS calls made, by "Service.Operation". */
  readonly calls: Readonly<Record<string, number>>;
  /** The target planned, when the stack declares targets: apply reaches it with the same credentials. */
  readonly target?: Target;
}

/** One target's plan run, or why there is none (model/plan.ts TargetPlan, with what it was computed from). */
export type TargetRun =
  | { readonly status: 'planned'; readonly target: Target; readonly run: PlanRun }
  | { readonly status: 'failed'; readonly target: Target; readonly error: TargetFailure };

/** Every plan of a run: one (a stack without targets, exactly as before targets) or one per target. */
export type StackPlans =
  | { readonly targets?: undefined; readonly run: PlanRun }
  | { readonly stack: string; readonly targets: readonly TargetRun[] };

/** The plans of the targets without what they were computed from: what renderers and saved plans take. */
export function targetPlans(targets: readonly TargetRun[]): TargetPlan[] {
  return targets.map((t) => (t.status === 'planned' ? { status: 'planned', target: t.target, plan: t.run.plan } : t));
}

/** Targets planned or applied at once; each has its own clients and rate limiter, so they never wait on each other's quotas. */
const TARGETS_IN_FLIGHT = 8;

function loadOptions(options: RunOptions) {
  return {
    env: options.env,
    regionOverride: options.region,
    regionOverrideName: options.regionName,
    defaultRegion: () => defaultChainRegion(options.env, options.profile),
    onSecret: options.onSecret,
    secretsOptional: options.secretsOptional,
    loopbackWebhooks: options.endpointUrl !== undefined,
  };
}

/**
 * Loads the files, then reads AWS, then plans. Any file error stops the run before the first AWS call.
 * For a stack without targets; one that declares them is planned by planStacks.
 */
export async function planStack(options: RunOptions): Promise<PlanRun> {
  const loaded = await loadStacks(options.directory, loadOptions(options));
  if (loaded.targets)
    throw new MonitorsError(
      'USAGE',
      'this stack declares stack.targets (several accounts or regions), which this command does not handle yet: use monitors plan or reconcile',
    );
  return planLoaded(loaded.stack, options);
}

/**
 * Loads the files once per target, then plans every target at once. Any file error stops the run
 * before the first AWS call; a target that cannot be planned (credentials, another account, AWS
 * refusing) is reported on its own while the others are planned.
 */
export async function planStacks(options: RunOptions): Promise<StackPlans> {
  const loaded = await loadStacks(options.directory, loadOptions(options));
  if (!loaded.targets) return { run: await planLoaded(loaded.stack, options) };
  await options.checks?.targets?.(loaded.targets);
  const targets = await mapLimit(loaded.targets, TARGETS_IN_FLIGHT, async ({ target, stack }): Promise<TargetRun> => {
    try {
      return { status: 'planned', target, run: await planLoaded(stack, options, target) };
    } catch (err) {
      return { status: 'failed', target, error: targetFailure(err) };
    }
  });
  return { stack: loaded.targets[0]?.stack.settings.name ?? '', targets };
}

/** What a target's failure says: a typed error's code and message, anything else as an internal error. */
export function targetFailure(err: unknown): TargetFailure {
  if (err instanceof MonitorsError) return { code: err.code, message: err.message };
  const e = err as Error;
  return { code: 'INTERNAL', message: `${e?.name ?? 'Error'}: ${e?.message ?? String(err)}` };
}

/** Reads AWS for a loaded stack (in its target, when it has one) and plans. */
async function planLoaded(loaded: DesiredStack, options: RunOptions, target?: Target): Promise<PlanRun> {
  await options.checks?.loaded?.(loaded);
  const region = loaded.settings.region;
  const clients = clientsFor(options, region, target);
  // Reads are paced at AWS's read quotas: a plan of a large stack must never be throttled. Quotas are
  // per account and region, and so is this limiter: a target is one account and region.
  clients.calls.setBeforeCall(pacing(new RateLimiter({ ...DEFAULT_QUOTAS, ...options.quotas })));
  const accountId = await resolveAccountId(clients.sts);
  if (target && accountId !== target.account)
    throw new MonitorsError(
      'TARGET',
      `the credentials for target ${targetLabel(target)} reach account ${accountId}, not ${target.account} as stack.targets declares: nothing was read or changed there. Check the target's role or profile`,
    );
  options.checks?.account?.(accountId);
  const tagSource = options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api');
  // Discovery is a read of live AWS that produces desired resources: the packs' alarms exist from here on.
  const expanded = expandPacks(loaded, await discoverPacks(clients, loaded.packs ?? [], tagSource));
  const desired = withAccountId(expanded.stack, accountId);
  const specs = desired.resources.map((r) => r.spec);
  const live = await readLiveState(clients, readOptions(desired.settings, specs, options, region, accountId));
  const computed = computePlan(desired, live, {
    adopt: options.adopt,
    allowMassDelete: options.allowMassDelete,
    maxDeleteShare: options.maxDeleteShare,
    liveFingerprint: fingerprintLive(live),
    directory: options.directory,
  });
  const plan =
    expanded.notices.length > 0 ? { ...computed, notices: [...expanded.notices, ...computed.notices] } : computed;
  await refuseFormerNamesInUse(clients, desired.settings.formerNames ?? [], plan, live);
  return {
    desired,
    live,
    plan: target ? { ...plan, target: target.name } : plan,
    calls: clients.calls.snapshot(),
    ...(target ? { target } : {}),
  };
}

/**
 * A former name (stack.formerNames) that still owns what these files leave out, or whose apply lock is
 * held, is a live stack, not a rename: refused before anything is written.
 */
async function refuseFormerNamesInUse(
  clients: AwsClients,
  formerNames: readonly string[],
  plan: Plan,
  live: LiveState,
): Promise<void> {
  if (formerNames.length === 0) return;
  const holders = new Map<string, string>();
  for (const former of formerNames) {
    const held = await readLock(clients.ssm, lockParameterName(former));
    if (held) holders.set(former, describeHolder(held.record, Date.now(), held.modifiedAt));
  }
  refuseLiveFormerNames(formerNamesInUse(formerNames, plan, live, holders));
}

/**
 * The SDK clients for a run, in the region being planned or applied, with the target's credentials
 * (the plan's hooks too: live checks, backtest and settle read the plan's own account).
 */
export function clientsFor(options: RunOptions, region: string, target?: Target): AwsClients {
  const timeouts =
    options.requestTimeoutSeconds === undefined ? undefined : timeoutsFromSeconds(options.requestTimeoutSeconds);
  const credentials = target?.role
    ? assumeRoleProvider({
        role: target.role,
        target: targetLabel(target),
        region,
        endpoint: options.endpointUrl,
        profile: options.profile,
        credentials: options.credentials,
        timeouts: timeouts ?? DEFAULT_TIMEOUTS,
      })
    : target?.profile
      ? undefined
      : options.credentials;
  return createClients({
    region,
    endpoint: options.endpointUrl,
    profile: target?.profile ?? options.profile,
    credentials,
    timeouts,
  });
}

/** What the reader needs for this stack: the plan and apply's re-check read the same scope. */
function readOptions(
  stack: StackSettings,
  specs: readonly ResourceSpec[],
  options: RunOptions,
  region: string,
  accountId: string,
  kinds?: ReadonlySet<ResourceKind>,
): ReadOptions {
  return {
    stack: stack.name,
    formerNames: stack.formerNames,
    region,
    accountId,
    tagSource: options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api'),
    declared: declaredNames(specs),
    kinds,
  };
}

/** The live specs the plan's changes were computed from: the re-check reads them whoever owns them now. */
function beforeSpecs(plan: Plan): ResourceSpec[] {
  return plan.changes.flatMap((c) => ('before' in c && c.action !== 'noop' ? [c.before] : []));
}

/** The names the files declare, so the reader can tell adoptable look-alikes from strangers. */
function declaredNames(specs: readonly ResourceSpec[]): ReadOptions['declared'] {
  const names: Partial<Record<DeclaredScope, string[]>> = {};
  for (const spec of specs)
    for (const [scope, name] of kindInfo(spec.kind).declares?.(spec) ?? []) (names[scope] ??= []).push(name);
  return names;
}

/** What an apply may be tuned with; defaults suit AWS's default quotas. */
export interface ApplyTuning {
  readonly quotas?: Readonly<Record<string, number>>;
  /** AWS requests in flight at once (default DEFAULT_IN_FLIGHT); each takes its rate token first. */
  readonly concurrency?: number;
  /** Release the apply lock on SIGINT/SIGTERM before the process ends (the CLI sets it). */
  readonly releaseLockOnSignal?: boolean;
  /**
   * Hears the re-check's read, under the lock and before any write (a saved plan's apply refuses
   * there as a whole if anything it read moved). Throwing stops the apply with nothing written.
   */
  readonly recheck?: (live: LiveState, kinds: ReadonlySet<ResourceKind>) => void;
}

/**
 * Applies exactly the plan in `run`: never a re-computed one, so what was reviewed is what runs.
 * Holds the stack's lock throughout, and skips every change whose resource moved since the plan.
 */
export async function applyStack(
  run: PlanRun,
  options: RunOptions,
  reporter?: ApplyReporter,
  tuning: ApplyTuning = {},
): Promise<ApplyResult> {
  if (planRefused(run.plan)) throw new MonitorsError('GUARD_REFUSED', refusalMessage(run.plan));
  const { region } = run.plan;
  // A target's lock is its own: the lock parameter lives in the target's account and region.
  const clients = clientsFor(options, region, run.target);
  const lock = await acquireLock(clients.ssm, {
    stack: run.plan.stack,
    region,
    identity: lockIdentity(options.env, hostname(), process.pid),
    ttlSeconds: options.lockTtlSeconds ?? DEFAULT_LOCK_TTL_SECONDS,
    waitSeconds: options.lockWaitSeconds ?? 0,
  });
  const uninstall = tuning.releaseLockOnSignal ? releaseOnSignals(lock) : () => undefined;
  let result: ApplyResult;
  try {
    result = await applyUnderLock(run, options, clients, reporter, tuning, lock);
  } catch (err) {
    uninstall();
    await lock.release().catch(() => undefined); // the original error is the one to report
    throw err;
  }
  uninstall();
  const lostWhy = lock.lost();
  const notes = [
    ...(lock.tookOver
      ? [`Took over an abandoned apply lock (older than its TTL) held by ${lock.tookOver.by} on ${lock.tookOver.host}.`]
      : []),
    ...(lostWhy ? [`Stopped writing: ${lostWhy}. Plan again once that run is over.`] : []),
  ];
  // Writes are done: failing to release must not hide what they did; the next apply will report the lock.
  const released = await lock.release().then(
    () => undefined,
    (err: unknown) =>
      `Could not release the apply lock (${(err as Error).message}); run "monitors force-unlock" once no apply is running.`,
  );
  return { ...result, notes: [...(result.notes ?? []), ...notes, ...(released ? [released] : [])] };
}

export type { TargetApply };

/**
 * Applies every target's plan at once, each under its own lock in its own account and region. A
 * target that could not be planned, is locked, refused by a guard or fails part-way never stops the
 * others: each outcome is reported on its own.
 */
export async function applyTargets(
  targets: readonly TargetRun[],
  options: RunOptions,
  reporterFor: (target: Target) => ApplyReporter | undefined,
  tuning: ApplyTuning | ((target: Target) => ApplyTuning) = {},
): Promise<TargetApply[]> {
  return mapLimit(targets, TARGETS_IN_FLIGHT, async (t): Promise<TargetApply> => {
    if (t.status === 'failed') return t;
    if (!hasChanges(t.run.plan)) return { status: 'unchanged', target: t.target };
    try {
      return {
        status: 'applied',
        target: t.target,
        result: await applyStack(
          t.run,
          options,
          reporterFor(t.target),
          typeof tuning === 'function' ? tuning(t.target) : tuning,
        ),
      };
    } catch (err) {
      return { status: 'failed', target: t.target, error: targetFailure(err) };
    }
  });
}

/** True when any target could not be planned or applied, or its apply left changes undone. */
export function targetsIncomplete(applies: readonly TargetApply[]): boolean {
  return applies.some(
    (a) => a.status === 'failed' || (a.status === 'applied' && a.result.failed + a.result.skipped > 0),
  );
}

/** The re-check and the writes, once the lock is held. */
async function applyUnderLock(
  run: PlanRun,
  options: RunOptions,
  clients: AwsClients,
  reporter: ApplyReporter | undefined,
  tuning: ApplyTuning,
  lock: HeldLock,
): Promise<ApplyResult> {
  const { region, accountId } = run.plan;
  // Once the lock is lost (another run took it over), not one more call reaches AWS.
  clients.calls.setBeforeCall(
    whileHeld(lock, pacing(new RateLimiter({ ...DEFAULT_QUOTAS, ...tuning.quotas }), tuning.concurrency)),
  );
  // Under the lock, so nothing another apply of this stack does can slip in after the check.
  // Deleted resources are in scope too, so one that another stack has made again is seen as theirs.
  const scope = [...run.desired.resources.map((r) => r.spec), ...beforeSpecs(run.plan)];
  const stale = await findStaleChanges(run.plan.changes, region, async (kinds) => {
    const live = await readLiveState(
      clients,
      readOptions(run.desired.settings, scope, options, region, accountId, kinds),
    );
    tuning.recheck?.(live, kinds);
    return live;
  });
  const result = await applyPlan(run.plan, {
    handlers: HANDLERS,
    ctx: {
      clients,
      stack: run.desired.settings,
      region,
      accountId,
      alarmDeletes: new AlarmDeleteBatcher(clients.cloudwatch),
    },
    reporter,
    stale,
  });
  const status = new Map(result.outcomes.map((o) => [o.change, o.status]));
  const applied = run.plan.changes.map((change) => ({
    change,
    status: change.action === 'noop' ? ('done' as const) : (status.get(change) ?? ('skipped' as const)),
  }));
  const notes: string[] = [];
  for (const step of APPLY_STEPS) notes.push(...(await step(clients, run.desired.settings, applied)));
  return { ...result, calls: clients.calls.snapshot(), ...(notes.length > 0 ? { notes } : {}) };
}

/** The stack's apply lock as it stands: its parameter name and, when held, who holds it. */
export interface LockState {
  readonly name: string;
  readonly holder?: string;
}

/** Reads the apply lock of the stack in `options.directory` (for force-unlock to show before removing). */
export async function readStackLock(
  options: RunOptions,
  targetName?: string,
): Promise<LockState & { readonly remove: () => Promise<boolean> }> {
  const all = await loadStacks(options.directory, { env: options.env, regionOverride: options.region });
  let loaded: DesiredStack;
  let target: Target | undefined;
  if (all.targets) {
    const labels = all.targets.map((t) => targetLabel(t.target));
    const chosen = all.targets.find((t) => targetLabel(t.target) === targetName);
    if (!chosen)
      throw new MonitorsError(
        'USAGE',
        `${targetName === undefined ? 'this stack has targets: name the one whose lock to remove with --target' : `--target ${targetName} is not a target of this stack`}; its targets are ${labels.join(', ')}`,
      );
    ({ stack: loaded, target } = chosen);
  } else {
    if (targetName !== undefined)
      throw new MonitorsError('USAGE', '--target: this stack declares no targets (stack.targets)');
    loaded = all.stack;
  }
  const { name: stack, region } = loaded.settings;
  const clients = clientsFor(options, region, target);
  const name = lockParameterName(stack);
  const current = await readLock(clients.ssm, name);
  return {
    name,
    holder: current && describeHolder(current.record, Date.now(), current.modifiedAt),
    remove: () => deleteLock(clients.ssm, name),
  };
}
