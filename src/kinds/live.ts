/**
 * What each kind means to the live checks and the cost estimate (src/live-checks/, src/cost/): the
 * metrics a resource reads, the metrics it will emit, the log sample it wants checked, and what it
 * is billed for. The checks and the estimate iterate this table and name no kind, so any resource
 * that is an ordinary metric alarm, composite or filter in the desired model (packs, SLOs) is
 * checked and priced without more code.
 */
import type { ResourceKind, ResourceSpec } from '../model';
import { KIND_PARTS } from './registry';
import type { KindLive } from './live-types';

export type {
  Billable,
  BillableItem,
  EmittedSeries,
  KindLive,
  MetricRead,
  StateActions,
  ThresholdTest,
} from './live-types';

type LiveTable = { readonly [K in ResourceKind]: KindLive<Extract<ResourceSpec, { kind: K }>> };

const NOTHING: KindLive = { bills: () => [] };

/** Every kind's share; a kind whose module gives none reads no metric and costs nothing. */
export const LIVE: LiveTable = Object.fromEntries(
  KIND_PARTS.map((p) => [p.info.kind, p.live ?? NOTHING]),
) as unknown as LiveTable;

/** The live share of a spec's kind (the widening is sound: LIVE maps each kind to its own). */
export function liveOf(spec: ResourceSpec): KindLive {
  return LIVE[spec.kind] as unknown as KindLive;
}
