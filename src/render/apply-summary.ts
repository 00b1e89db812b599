import { assertNever, visible, visibleLines, type Change } from '../model';
import { sensitivePathsOf } from './redact';
import type { ApplyResult, ChangeOutcome } from '../apply/executor';
import { keyLabel } from '../kinds/keys';

/** What was done, as people say it. */
const DONE_VERB: Readonly<Record<Change['action'], string>> = {
  create: 'created',
  update: 'updated',
  replace: 'replaced',
  delete: 'deleted',
  adopt: 'adopted',
  noop: 'unchanged',
};

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)}s`;

/**
 * AWS's own message may quote a request parameter (an endpoint, a description): for a change with a
 * sensitive field it is withheld and only AWS's error code is shown.
 */
function awsMessage(change: Change, message: string): string {
  if (sensitivePathsOf(change).length > 0)
    return "(AWS's message is withheld: it may quote this resource's sensitive values)";
  // An SDK message over several lines stays several lines, indented under its change.
  return visibleLines(message).replace(/\n/g, '\n           ');
}

/** The apply's first line: complete or not, with counts and time. */
export function applyHeadline(result: ApplyResult): string {
  return `Apply ${result.failed + result.skipped === 0 ? 'complete' : 'incomplete'}: ${result.done} done, ${result.failed} failed, ${result.skipped} skipped (${seconds(result.durationMs)}).`;
}

/** One line per change: what was done to which resource, its ARN and how long it took; or why not. */
function outcomeLine(o: ChangeOutcome): string {
  const label = visible(keyLabel(o.change.key));
  switch (o.status) {
    case 'done':
      return `  ${DONE_VERB[o.change.action].padEnd(9)}${label}${o.arn ? `  ${visible(o.arn)}` : ''}  (${seconds(o.durationMs)})`;
    case 'failed':
      return `  failed   ${o.change.action} ${label}: ${visible(o.error.awsCode)}: ${awsMessage(o.change, o.error.message)}`;
    case 'skipped':
      return `  skipped  ${o.change.action} ${label}: ${visible(o.reason)}`;
    default:
      return assertNever(o);
  }
}

/** What an apply did, for people: counts, every change done (with ARN), every failure with AWS's code, what was skipped. */
export function renderApplySummary(result: ApplyResult): string {
  const order: readonly ChangeOutcome['status'][] = ['done', 'failed', 'skipped'];
  const lines = [
    applyHeadline(result),
    ...(result.notes ?? []).map((note) => `  note     ${note}`),
    ...order.flatMap((status) => result.outcomes.filter((o) => o.status === status).map(outcomeLine)),
  ];
  const stale = result.outcomes.filter((o) => o.status === 'skipped' && o.stale).length;
  if (stale > 0)
    lines.push(
      `${stale} change(s) were not applied because AWS changed since the plan was made: nothing was overwritten or deleted. Review a fresh plan before applying again.`,
    );
  if (result.failed + result.skipped > 0)
    lines.push('Run the same command again: it re-plans from live state and finishes what is left.');
  return lines.join('\n');
}

/** The apply report's JSON shape (the `apply` member of `reconcile --format json`; docs/plan-json.md). */
export function applyReport(result: ApplyResult) {
  return {
    status: result.failed + result.skipped === 0 ? ('complete' as const) : ('incomplete' as const),
    done: result.done,
    failed: result.failed,
    skipped: result.skipped,
    durationMs: result.durationMs,
    results: result.outcomes.map((o) => ({
      status: o.status,
      action: o.change.action,
      kind: o.change.key.kind,
      name: o.change.key.name,
      parent: o.change.key.parent,
      arn: o.status === 'done' ? o.arn : undefined,
      durationMs: o.status === 'done' ? o.durationMs : undefined,
      error:
        o.status === 'failed'
          ? { awsCode: o.error.awsCode, message: awsMessage(o.change, o.error.message) }
          : undefined,
      reason: o.status === 'skipped' ? o.reason : undefined,
    })),
  };
}
