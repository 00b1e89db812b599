/**
 * After an apply, the stack's record of the filters it holds under their own names (awsName:) is
 * made to match what the apply left: adopted and created ones added, deleted ones dropped, and
 * claims of filters that no longer exist pruned. Written after the filter calls, so a crash in
 * between shows an adopted filter as `adopt` again in the next plan (harmless: the put is
 * idempotent) rather than recording a claim on something this stack never touched.
 */
import type { AwsClients } from '../../aws/clients';
import { isStackFilterName, type ResourceSpec, type StackSettings } from '../../model';
import type { AppliedChange } from '../applied-change';
import { subscriptionFilterMark } from '../subscription-filter/names';
import type { SubscriptionFilterSpec } from '../subscription-filter/spec';
import { filterMark } from './ownership-record';
import { writeFilterRecord } from './record-write';
import type { MetricFilterSpec } from '../specs';

/** The kinds the record covers: both kinds of log filter, which cannot be tagged. */
type RecordedSpec = MetricFilterSpec | SubscriptionFilterSpec;

function adopted(spec: ResourceSpec): spec is RecordedSpec {
  return (spec.kind === 'metricFilter' || spec.kind === 'subscriptionFilter') && !isStackFilterName(spec.filterName);
}

function markOf(spec: RecordedSpec): string {
  return spec.kind === 'metricFilter'
    ? filterMark(spec.logGroupName, spec.filterName)
    : subscriptionFilterMark(spec.logGroupName, spec.filterName);
}

/**
 * The marks of every filter the stack holds under its own name once these changes ran, and whether
 * any change touched such a filter (else nothing needs writing). Every filter the stack owned is in
 * the plan (a noop, update, replace or delete), so the record is rebuilt, not patched.
 */
export function recordAfter(applied: readonly AppliedChange[]): { marks: Set<string>; touched: boolean } {
  const marks = new Set<string>();
  let touched = false;
  const add = (spec: RecordedSpec) => marks.add(markOf(spec));
  for (const { change, status } of applied) {
    if (change.key.kind !== 'metricFilter' && change.key.kind !== 'subscriptionFilter') continue;
    const before = 'before' in change && adopted(change.before) ? change.before : undefined;
    const after = 'after' in change && adopted(change.after) ? change.after : undefined;
    if (change.action !== 'noop' && (before || after)) touched = true;
    const done = status === 'done';
    switch (change.action) {
      case 'noop':
        if (before) add(before);
        break;
      case 'create':
      case 'adopt':
        if (after && done) add(after);
        break;
      case 'update':
        if (after) add(after);
        break;
      // Not done: the old filter may still exist, so its claim stays (pruned by a later apply if not).
      case 'replace':
        if (done && after) add(after);
        else if (!done && before) add(before);
        break;
      case 'delete':
        if (!done && before) add(before);
        break;
    }
  }
  return { marks, touched };
}

/** The apply step (kinds/apply-steps.ts): writes the record when the apply touched what it covers. */
export async function recordAdoptedFilters(
  clients: AwsClients,
  stack: StackSettings,
  applied: readonly AppliedChange[],
): Promise<readonly string[]> {
  const former = stack.formerNames ?? [];
  const { marks, touched } = recordAfter(applied);
  // A renamed stack takes its former names' records over even when no filter changed.
  if (!touched && former.length === 0) return [];
  try {
    await writeFilterRecord(clients.ssm, stack.name, marks, former);
    return [];
  } catch (err) {
    return [
      `Could not write the record of metric filters adopted under their own names (${(err as Error).name}: ${(err as Error).message}): the next plan shows them as adopt again, and a deleted one's claim stays until an apply writes the record.`,
    ];
  }
}
