/**
 * The core the entry points call: load → read → plan, and apply. Entry points (cli.ts, action.ts)
 * parse their inputs into RunOptions, call these, and map results and typed errors to output.
 */
import { resolveAccountId } from './aws/account';
import { createClients, timeoutsFromSeconds, type AwsClients } from './aws/clients';
import { readLiveState } from './aws/read-live';
import { loadStack, withAccountId } from './config/load';
import { applyPlan, type ApplyReporter, type ApplyResult } from './apply/executor';
import { DEFAULT_QUOTAS, RateLimiter } from './apply/rate-limiter';
import { HANDLERS } from './kinds';
import { AlarmDeleteBatcher } from './kinds/alarm-deletes';
import { MonitorsError, type DesiredStack, type LiveState, type Plan } from './model';
import { planRefused, refusalMessage } from './plan/guards';
import { computePlan } from './plan/diff-plan';
import { fingerprintLive } from './plan/fingerprint';

/** Everything a run needs to know, parsed once by an entry point. */
export interface RunOptions {
  /** The monitors directory. */
  readonly directory: string;
  /** Overrides the stack's region. */
  readonly region?: string;
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
  /** Seconds one attempt of one AWS call may take (default: DEFAULT_TIMEOUTS in aws/clients.ts). */
  readonly requestTimeoutSeconds?: number;
  /** Explicit credentials (tests); otherwise the SDK's default chain. */
  readonly credentials?: {
    readonly accessKeyId: string;
    readonly secretAccessKey: string;
    readonly sessionToken?: string;
  };
}

/** A computed plan with what it was computed from. */
export interface PlanRun {
  readonly desired: DesiredStack;
  readonly live: LiveState;
  readonly plan: Plan;
  /** AWS calls made, by "Service.Operation". */
  readonly calls: Readonly<Record<string, number>>;
}

/** Loads the files, then reads AWS, then plans. Any file error stops the run before the first AWS call. */
export async function planStack(options: RunOptions): Promise<PlanRun> {
  const loaded = await loadStack(options.directory, {
    env: options.env,
    regionOverride: options.region,
    onSecret: options.onSecret,
  });
  const region = loaded.settings.region;
  const clients = clientsFor(options, region);
  const accountId = await resolveAccountId(clients.sts);
  const desired = withAccountId(loaded, accountId);
  const live = await readLiveState(clients, {
    stack: desired.settings.name,
    region,
    accountId,
    tagSource: options.tagSource ?? (options.endpointUrl ? 'per-resource' : 'tagging-api'),
    declared: declaredNames(desired),
  });
  const plan = computePlan(desired, live, {
    adopt: options.adopt,
    allowMassDelete: options.allowMassDelete,
    maxDeleteShare: options.maxDeleteShare,
    liveFingerprint: fingerprintLive(live),
    directory: options.directory,
  });
  return { desired, live, plan, calls: clients.calls.snapshot() };
}

/** The SDK clients for a run, in the region being planned or applied. */
function clientsFor(options: RunOptions, region: string): AwsClients {
  return createClients({
    region,
    endpoint: options.endpointUrl,
    profile: options.profile,
    credentials: options.credentials,
    timeouts:
      options.requestTimeoutSeconds === undefined ? undefined : timeoutsFromSeconds(options.requestTimeoutSeconds),
  });
}

/** The names the files declare, so the reader can tell adoptable look-alikes from strangers. */
function declaredNames(desired: DesiredStack): { logGroups: string[]; alarms: string[]; topics: string[] } {
  const names = { logGroups: [] as string[], alarms: [] as string[], topics: [] as string[] };
  for (const { spec } of desired.resources) {
    if (spec.kind === 'logGroup') names.logGroups.push(spec.name);
    else if (spec.kind === 'metricAlarm' || spec.kind === 'compositeAlarm') names.alarms.push(spec.name);
    else if (spec.kind === 'topic') names.topics.push(spec.name);
  }
  return names;
}

/** What an apply may be tuned with; defaults suit AWS's default quotas. */
export interface ApplyTuning {
  readonly quotas?: Readonly<Record<string, number>>;
  readonly concurrency?: number;
}

/** Applies exactly the plan in `run`: never a re-computed one, so what was reviewed is what runs. */
export async function applyStack(
  run: PlanRun,
  options: RunOptions,
  reporter?: ApplyReporter,
  tuning: ApplyTuning = {},
): Promise<ApplyResult> {
  if (planRefused(run.plan)) throw new MonitorsError('GUARD_REFUSED', refusalMessage(run.plan));
  const clients = clientsFor(options, run.plan.region);
  const limiter = new RateLimiter({ ...DEFAULT_QUOTAS, ...tuning.quotas });
  clients.calls.setBeforeCall((service, operation) => limiter.acquire(service, operation));
  return applyPlan(run.plan, {
    handlers: HANDLERS,
    ctx: {
      clients,
      stack: run.desired.settings,
      region: run.plan.region,
      accountId: run.plan.accountId,
      alarmDeletes: new AlarmDeleteBatcher(clients.cloudwatch),
    },
    concurrency: tuning.concurrency,
    reporter,
  });
}
