import { AwsCallError } from '../aws/call-error';
import { anyHandler, type ApplyContext, type HandlerTable } from '../kinds/handler';
import { assertNever, keyId, type Change, type Plan, type ResourceSpec } from '../model';
import { resourceArn } from './arn';
import { Semaphore } from './concurrency';
import { DEFAULT_RETRY, withRetry, type RetryOptions } from './retry';
import { keyLabel } from '../kinds/keys';

/** What happened to one change. */
export type ChangeOutcome =
  | {
      readonly status: 'done';
      readonly change: Change;
      readonly durationMs: number;
      /** The resource's ARN after the change (before it, for a delete); none for metric filters. */
      readonly arn?: string;
    }
  | {
      readonly status: 'failed';
      readonly change: Change;
      readonly error: { readonly awsCode: string; readonly message: string };
    }
  | {
      readonly status: 'skipped';
      readonly change: Change;
      readonly reason: string;
      /** True when the resource changed since the plan (see stale.ts), rather than a dependency failing. */
      readonly stale?: boolean;
    };

/** The outcome of applying a plan. */
export interface ApplyResult {
  readonly outcomes: readonly ChangeOutcome[];
  readonly done: number;
  readonly failed: number;
  readonly skipped: number;
  readonly durationMs: number;
  /** AWS calls the apply made (re-check reads included), by "Service.Operation", when counted. */
  readonly calls?: Readonly<Record<string, number>>;
  /** Things the person applying should know that are not changes (a lock taken over). */
  readonly notes?: readonly string[];
}

/** Progress events; the CLI shows a bar on a TTY and periodic lines in CI. */
export interface ApplyReporter {
  start(total: number): void;
  changeFinished(outcome: ChangeOutcome): void;
  finished(result: ApplyResult): void;
}

/** What the executor needs besides the plan. */
export interface ApplyDeps {
  readonly handlers: HandlerTable;
  readonly ctx: ApplyContext;
  /**
   * How many changes run at once (default: no bound). Each AWS request is paced on its own (its
   * operation's rate token, then a slot among the requests in flight: see pacing() in
   * rate-limiter.ts), so a change waiting for one operation's quota never holds back another's.
   */
  readonly concurrency?: number;
  readonly retry?: RetryOptions;
  readonly reporter?: ApplyReporter;
  /** Changes whose resource changed since the plan, with why: skipped, never run (see stale.ts). */
  readonly stale?: ReadonlyMap<Change, string>;
}

/** Carries out one change; returns the ARN AWS answered with when a create gave one. */
async function execute(change: Change, handlers: HandlerTable, ctx: ApplyContext): Promise<string | undefined> {
  const handler = anyHandler(handlers, change.key.kind);
  switch (change.action) {
    case 'create':
      return (await handler.create(ctx, change.after)) ?? undefined;
    case 'update':
    case 'adopt':
      await handler.update(ctx, change.before, change.after, change.diffs, change.arn);
      return change.arn;
    case 'replace':
      // The old resource must go first: most replacements keep the name (a topic turning FIFO), and
      // AWS refuses a second resource of the same name.
      await handler.remove(ctx, change.before, change.arn);
      return (await handler.create(ctx, change.after)) ?? undefined;
    case 'delete':
      await handler.remove(ctx, change.before, change.arn);
      return change.arn;
    case 'noop':
      return undefined;
    default:
      return assertNever(change);
  }
}

function specOf(change: Change): ResourceSpec {
  return 'after' in change ? change.after : change.before;
}

/**
 * Which changes each change waits for: a resource waits for what it depends on; a delete waits for
 * the deletes of everything that depends on it (children go first).
 */
function dependencies(changes: readonly Change[], handlers: HandlerTable, region: string): Map<Change, Change[]> {
  const byKey = new Map(changes.map((c) => [keyId(c.key), c]));
  const deps = new Map<Change, Change[]>(changes.map((c) => [c, []]));
  for (const change of changes) {
    const parents = anyHandler(handlers, change.key.kind).dependsOn(specOf(change), region);
    for (const parentKey of parents) {
      const parent = byKey.get(keyId(parentKey));
      if (!parent || parent === change) continue;
      if (change.action === 'delete' && parent.action === 'delete') deps.get(parent)?.push(change);
      else if (change.action !== 'delete' && parent.action !== 'delete') deps.get(change)?.push(parent);
    }
  }
  return deps;
}

function describeError(err: unknown): { awsCode: string; message: string } {
  // The change is named beside it: AWS's own code and message, without the call's facts.
  // Not an AWS answer (an HTML page, an unparsable body): the whole message, which says so and names the call.
  if (err instanceof AwsCallError) {
    return err.answer === 'aws'
      ? { awsCode: err.awsCode, message: err.awsMessage }
      : { awsCode: err.answer === 'html' ? 'HTML answer' : 'Unreadable answer', message: err.message };
  }
  const e = err as { name?: string; Code?: string; message?: string };
  return { awsCode: e.Code ?? e.name ?? 'Error', message: e.message ?? String(err) };
}

/** Executes exactly the plan's changes, dependencies first, independent ones concurrently. */
export async function applyPlan(plan: Plan, deps: ApplyDeps): Promise<ApplyResult> {
  const started = Date.now();
  const changes = plan.changes.filter((c) => c.action !== 'noop');
  const waitsFor = dependencies(changes, deps.handlers, plan.region);
  const retry = deps.retry ?? DEFAULT_RETRY;
  const slots = new Semaphore(Math.max(1, deps.concurrency ?? Infinity));
  deps.reporter?.start(changes.length);

  const outcomes = new Map<Change, Promise<ChangeOutcome>>();
  const nonDeletes = changes.filter((c) => c.action !== 'delete');
  const run = async (change: Change): Promise<ChangeOutcome> => {
    // Deletes go last, whatever happened before them: an alarm can only be deleted once the composite
    // alarms that named it have their new rules, and an owner reviewing a plan expects removals last.
    const staleReason = deps.stale?.get(change);
    if (staleReason !== undefined) return { status: 'skipped', change, reason: staleReason, stale: true };
    if (change.action === 'delete') await Promise.all(nonDeletes.map((c) => outcomeOf(c)));
    const before = await Promise.all((waitsFor.get(change) ?? []).map((d) => outcomeOf(d)));
    const blocker = before.find((o) => o.status !== 'done');
    if (blocker) {
      return {
        status: 'skipped',
        change,
        reason: `depends on ${keyLabel(blocker.change.key)}, which ${blocker.status === 'failed' ? 'failed' : 'was skipped'}`,
      };
    }
    // Batched deletes only wait in a queue for a shared call; holding a concurrency slot each would
    // cap every batch at the concurrency bound.
    const batched =
      change.action === 'delete' &&
      anyHandler(deps.handlers, change.key.kind).batchedDeletes === true &&
      deps.ctx.alarmDeletes;
    const release = batched ? () => undefined : await slots.acquire();
    const t0 = Date.now();
    try {
      const answered = await withRetry(() => execute(change, deps.handlers, deps.ctx), retry);
      const arn = answered ?? resourceArn(change.key, deps.ctx.accountId);
      return { status: 'done', change, durationMs: Date.now() - t0, ...(arn ? { arn } : {}) };
    } catch (err) {
      return { status: 'failed', change, error: describeError(err) };
    } finally {
      release();
    }
  };
  const outcomeOf = (change: Change): Promise<ChangeOutcome> => {
    let p = outcomes.get(change);
    if (!p) {
      p = run(change).then((o) => {
        deps.reporter?.changeFinished(o);
        return o;
      });
      outcomes.set(change, p);
    }
    return p;
  };

  const results = await Promise.all(changes.map(outcomeOf));
  const count = (s: ChangeOutcome['status']) => results.filter((o) => o.status === s).length;
  const result: ApplyResult = {
    outcomes: results,
    done: count('done'),
    failed: count('failed'),
    skipped: count('skipped'),
    durationMs: Date.now() - started,
  };
  deps.reporter?.finished(result);
  return result;
}
