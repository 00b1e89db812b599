import {
  emittedMetric,
  excerpt,
  keyLabel,
  keyOf,
  metricLabel,
  type Diagnostic,
  type DesiredResource,
  type ResourceKind,
} from '../model';
import type { Reference } from './build';
import { closest, didYouMean } from './suggest';
import { patternUsesRegex } from '../patterns';
import { chatWebhookWarnings } from './chat-webhooks';

const MAX_FILTERS_PER_GROUP = 100;
/** AWS's quota on filters whose pattern contains a regex, per log group (FilterAndPatternSyntax, Quotas). */
const MAX_REGEX_FILTERS_PER_GROUP = 5;
const REF_KIND: Readonly<Record<Reference['kind'], readonly ResourceKind[]>> = {
  logGroup: ['logGroup'],
  topic: ['topic'],
  alarm: ['metricAlarm', 'compositeAlarm'],
};
const REF_WORD: Readonly<Record<Reference['kind'], string>> = { logGroup: 'log group', topic: 'topic', alarm: 'alarm' };

/** Checks that need every file: unique names, references that resolve, per-group limits, dead alarms. */
export function crossFileChecks(
  resources: readonly DesiredResource[],
  references: readonly Reference[],
  region: string,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Map<string, DesiredResource>();
  // Metric and composite alarms share one namespace in CloudWatch.
  const idOf = (r: DesiredResource) => {
    const k = keyOf(r.spec, region);
    const kind = k.kind === 'compositeAlarm' ? 'metricAlarm' : k.kind;
    return `${kind}|${k.parent ?? ''}|${k.name}`;
  };
  for (const r of resources) {
    const id = idOf(r);
    const first = seen.get(id);
    if (first) {
      const label = keyLabel(keyOf(r.spec, region, r.sensitive));
      out.push({
        severity: 'error',
        code: 'DUPLICATE_NAME',
        message: `${label} is declared twice; first at ${first.source.file}:${first.source.line}:${first.source.column}`,
        location: r.source,
      });
    } else seen.set(id, r);
  }

  // One index per kind of reference, built once: a lookup per reference keeps validation linear.
  const declaredNames = new Map<Reference['kind'], { readonly list: string[]; readonly set: Set<string> }>();
  const namesFor = (kind: Reference['kind']) => {
    let names = declaredNames.get(kind);
    if (!names) {
      const kinds = REF_KIND[kind];
      const list = resources
        .filter((r) => kinds.includes(r.spec.kind))
        .map((r) => ('name' in r.spec ? r.spec.name : ''));
      names = { list, set: new Set(list) };
      declaredNames.set(kind, names);
    }
    return names;
  };
  for (const ref of references) {
    const declared = namesFor(ref.kind);
    if (!declared.set.has(ref.name)) {
      out.push({
        severity: 'error',
        code: 'DANGLING_REFERENCE',
        message: `${REF_WORD[ref.kind]} ${excerpt(ref.name)} is not declared in any file${didYouMean(ref.name, declared.list)}${ref.kind === 'topic' ? ' (or give a full ARN)' : ''}`,
        location: ref.location,
      });
    }
  }

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

  out.push(...doubleCounts(resources));
  out.push(...chatWebhookWarnings(resources));

  const emitted = new Set(
    resources.flatMap((r) =>
      r.spec.kind === 'metricFilter'
        ? [`${r.spec.transformation.metricNamespace}/${r.spec.transformation.metricName}`]
        : [],
    ),
  );
  for (const r of resources) {
    if (r.spec.kind !== 'metricAlarm') continue;
    const metrics = r.spec.metric
      ? [r.spec.metric]
      : (r.spec.metrics ?? []).flatMap((q) => (q.metricStat ? [q.metricStat] : []));
    for (const m of metrics) {
      const id = `${m.namespace}/${m.metricName}`;
      if (m.namespace.startsWith('AWS/') || emitted.has(id)) continue;
      const near = closest(id, emitted);
      out.push({
        severity: 'warning',
        code: 'DANGLING_REFERENCE',
        message: `alarm will never fire? no metric filter in this stack emits ${id}${near ? ` (did you mean ${near}?)` : ''}`,
        location: r.source,
      });
    }
  }
  return out;
}

/** Two declared filters on one log group emitting the same metric: every line both match counts twice. */
function doubleCounts(resources: readonly DesiredResource[]): Diagnostic[] {
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
