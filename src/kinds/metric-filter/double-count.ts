/**
 * Two metric filters on one log group that emit the same metric (namespace, name, dimensions) count
 * every line both match twice: the alarm on that metric fires at half the intended rate. A renamed
 * stack without formerNames produces exactly that (its new filter beside the old one), so a plan
 * that would add such a filter beside one it does not own is refused, naming both.
 */
import {
  declaredFilterId,
  emittedMetric,
  filterOwner,
  metricLabel,
  type DesiredResource,
  type GuardResult,
} from '../../model';
import type { MetricFilterSpec } from '../specs';

/** One refusal per declared filter that would emit a metric some filter it does not own already emits. */
export function doubleCountGuards(
  desired: readonly DesiredResource[],
  others: readonly MetricFilterSpec[],
  recordOwners: Readonly<Record<string, string>> = {},
): GuardResult[] {
  const byMetric = new Map<string, MetricFilterSpec>();
  for (const o of others) if (!byMetric.has(emittedMetric(o))) byMetric.set(emittedMetric(o), o);
  const out: GuardResult[] = [];
  for (const { spec, source } of desired) {
    if (spec.kind !== 'metricFilter') continue;
    const other = byMetric.get(emittedMetric(spec));
    if (!other) continue;
    // Owned by its name (monitors.<stack>.…), or adopted under its own name by a stack's record.
    const owner = filterOwner(other.filterName) ?? recordOwners[declaredFilterId(other.logGroupName, other.filterName)];
    const whose = owner ? `owned by stack "${owner}"` : 'not managed by any stack';
    const hint = owner
      ? ` If this stack was renamed from "${owner}", add "formerNames: [${owner}]" under stack: so that filter is renamed instead; otherwise`
      : ` To manage that filter instead, add awsName: ${JSON.stringify(other.filterName)} to this entry: it is adopted in place, under its own name. Otherwise delete one of the two, or`;
    out.push({
      name: 'double-count',
      refused: true,
      message:
        `metric filter ${spec.filterName} (${source.file}:${source.line}:${source.column}) would emit ${metricLabel(spec)} ` +
        `from log group ${spec.logGroupName}, which metric filter ${other.filterName} (${whose}) already emits: ` +
        `every line both match would be counted twice.${hint} emit another metric name.`,
    });
  }
  return out;
}
