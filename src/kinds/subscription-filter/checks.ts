import type { DesiredResource, Diagnostic } from '../../model';

/** AWS's quota: two subscription filters per log group, not adjustable. */
export const MAX_SUBSCRIPTION_FILTERS_PER_GROUP = 2;

/** The per-log-group quota on subscription filters, across every file, before anything is sent. */
export function subscriptionFilterQuota(resources: readonly DesiredResource[]): Diagnostic[] {
  const perGroup = new Map<string, DesiredResource[]>();
  for (const r of resources) {
    if (r.spec.kind !== 'subscriptionFilter') continue;
    perGroup.set(r.spec.logGroupName, [...(perGroup.get(r.spec.logGroupName) ?? []), r]);
  }
  const out: Diagnostic[] = [];
  for (const [group, filters] of perGroup) {
    const extra = filters[MAX_SUBSCRIPTION_FILTERS_PER_GROUP];
    if (extra === undefined) continue;
    out.push({
      severity: 'error',
      code: 'LIMIT_EXCEEDED',
      message: `log group ${group} has ${filters.length} subscription filters; AWS allows at most ${MAX_SUBSCRIPTION_FILTERS_PER_GROUP} per log group (send to one Firehose or Lambda that fans out, instead)`,
      location: extra.source,
    });
  }
  return out;
}
