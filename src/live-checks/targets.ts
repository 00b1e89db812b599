/** Which resources of a plan the live checks look at, and what each reads or samples. Pure. */
import { liveOf, type MetricRead, type ThresholdTest } from '../kinds/live';
import {
  isSensitivePath,
  keyId,
  keyShownName,
  type Change,
  type Plan,
  type ResourceSpec,
  type SourceLocation,
} from '../model';
import { KIND_LABEL } from '../kinds/keys';
import type { MetricFilterSpec } from '../kinds/specs';

export interface AlarmTarget {
  readonly subject: string;
  readonly source?: SourceLocation;
  readonly reads: readonly (MetricRead & { readonly hidden: boolean })[];
  readonly threshold?: ThresholdTest;
  readonly thresholdHidden: boolean;
}

export interface FilterTarget {
  readonly id: string;
  readonly subject: string;
  readonly source?: SourceLocation;
  readonly filter: MetricFilterSpec;
  readonly hidden: boolean;
}

/** The metric a new filter of the stack will start publishing, as `namespace\nname`. */
export type Upcoming = ReadonlySet<string>;

export const metricId = (namespace: string, metricName: string) => `${namespace}\n${metricName}`;

/** New or changed (any with checkAll) resources of the plan, with the spec they will have. */
function checked(plan: Plan, checkAll: boolean): { change: Change; spec: ResourceSpec }[] {
  return plan.changes.flatMap((c): { change: Change; spec: ResourceSpec }[] => {
    if (c.action === 'delete') return [];
    if (c.action === 'noop') return checkAll ? [{ change: c, spec: c.before }] : [];
    return [{ change: c, spec: c.after }];
  });
}

export function alarmTargets(plan: Plan, checkAll: boolean): AlarmTarget[] {
  return checked(plan, checkAll).flatMap(({ change, spec }) => {
    const live = liveOf(spec);
    const reads = live.reads?.(spec) ?? [];
    if (reads.length === 0) return [];
    const marks = change.sensitive ?? [];
    return [
      {
        subject: `${KIND_LABEL[change.key.kind]} ${keyShownName(change.key)}`,
        source: change.source,
        reads: reads.map((r) => ({ ...r, hidden: isSensitivePath(marks, r.path) })),
        threshold: live.threshold?.(spec),
        thresholdHidden: isSensitivePath(marks, 'threshold'),
      },
    ];
  });
}

export function filterTargets(plan: Plan, checkAll: boolean): FilterTarget[] {
  return checked(plan, checkAll).flatMap(({ change, spec }) => {
    const filter = liveOf(spec).sample?.(spec);
    if (!filter) return [];
    const marks = change.sensitive ?? [];
    return [
      {
        id: keyId(change.key),
        subject: `${KIND_LABEL[change.key.kind]} ${keyShownName(change.key)}`,
        source: change.source,
        filter,
        hidden: marks.length > 0,
      },
    ];
  });
}

/**
 * Metrics that filters the plan creates (or whose emitted metric it changes) will publish: they have
 * no data before the first apply, so a missing series is expected, not a mistake.
 */
export function upcomingMetrics(plan: Plan): Upcoming {
  const out = new Set<string>();
  for (const c of plan.changes) {
    if (c.action === 'delete' || c.action === 'noop') continue;
    for (const e of liveOf(c.after).emits?.(c.after) ?? []) out.add(metricId(e.namespace, e.metricName));
  }
  return out;
}
