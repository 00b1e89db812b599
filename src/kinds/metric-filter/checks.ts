import { emittedMetric, metricLabel, type DesiredResource, type Diagnostic } from '../../model';
import { patternUsesRegex } from '../../patterns';

const MAX_FILTERS_PER_GROUP = 100;
/** AWS's quota on filters whose pattern contains a regex, per log group (FilterAndPatternSyntax, Quotas). */
const MAX_REGEX_FILTERS_PER_GROUP = 5;

/** AWS's per-log-group quotas on metric filters, checked before anything is sent. */
export function filterQuotaChecks(resources: readonly DesiredResource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const perGroup = new Map<string, DesiredResource[]>();
  for (const r of resources) {
    if (r.spec.kind !== 'metricFilter') continue;
    const list = perGroup.get(r.spec.logGroupName) ?? [];
    list.push(r);
    perGroup.set(r.spec.logGroupName, list);
  }
  for (const [group, filters] of perGroup) {
    if (filters.length > MAX_FILTERS_PER_GROUP) {
      out.push({
        severity: 'error',
        code: 'LIMIT_EXCEEDED',
        message: `log group ${group} has ${filters.length} metric filters; AWS allows at most ${MAX_FILTERS_PER_GROUP} per log group`,
        location: (filters[MAX_FILTERS_PER_GROUP] as DesiredResource).source,
      });
    }
    const withRegex = filters.filter((f) => f.spec.kind === 'metricFilter' && patternUsesRegex(f.spec.filterPattern));
    if (withRegex.length > MAX_REGEX_FILTERS_PER_GROUP) {
      out.push({
        severity: 'error',
        code: 'LIMIT_EXCEEDED',
        message: `log group ${group} has ${withRegex.length} metric filters with %regex% patterns; AWS allows at most ${MAX_REGEX_FILTERS_PER_GROUP} per log group`,
        location: (withRegex[MAX_REGEX_FILTERS_PER_GROUP] as DesiredResource).source,
      });
    }
  }

  return out;
}

/** Two declared filters on one log group emitting the same metric: every line both match counts twice. */
export function doubleCounts(resources: readonly DesiredResource[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  const first = new Map<string, DesiredResource>();
  for (const r of resources) {
    if (r.spec.kind !== 'metricFilter') continue;
    const metric = emittedMetric(r.spec);
    const earlier = first.get(metric);
    if (!earlier || earlier.spec.kind !== 'metricFilter') {
      first.set(metric, r);
      continue;
    }
    const at = `${earlier.source.file}:${earlier.source.line}:${earlier.source.column}`;
    out.push({
      severity: 'error',
      code: 'DOUBLE_COUNT',
      message: `metric filter ${r.spec.filterName} would emit ${metricLabel(r.spec)} from log group ${r.spec.logGroupName}, as metric filter ${earlier.spec.filterName} (${at}) already does: every line both match would be counted twice. Merge the two patterns into one filter, or emit another metric name`,
      location: r.source,
    });
  }
  return out;
}
