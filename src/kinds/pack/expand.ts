import { type DesiredResource, type DesiredStack, type PlanNotice, type SourceLocation } from '../../model';
import type { MetricAlarmSpec } from '../specs';
import { sortedRecord } from '../../model/normalize';
import { redrawOverview } from '../dashboard/overview';
import { servicePack } from './catalog';
import { selectionLabel, type PackDeclaration, type PackSelection } from './declaration';
import { packAlarmName } from './names';
import { resolvePackTargets } from '../alarm-mute-rule/pack-targets';
import type { DiscoveredResource, Recommendation, ServicePack } from './types';

/** What discovery read for one pack (same order as DesiredStack.packs). */
export interface PackDiscovery {
  readonly resources: readonly DiscoveredResource[];
}

/** One pack's expansion, for the plan's line under its file:line. */
export interface PackExpansion {
  readonly pack: PackDeclaration;
  readonly resources: readonly string[];
  readonly alarms: number;
}

/** The stack with every pack's alarms among its resources, and what to tell the reviewer. */
export interface ExpandedStack {
  readonly stack: DesiredStack;
  readonly expansions: readonly PackExpansion[];
  readonly notices: readonly PlanNotice[];
}

const where = (s: SourceLocation) => `${s.file}:${s.line}`;

/** Whether a resource is one the selection names: every part given must match. */
export function selected(pack: ServicePack, select: PackSelection, r: DiscoveredResource): boolean {
  const name = pack.name(r.arn);
  if (select.names && !select.names.includes(name)) return false;
  if (select.prefix !== undefined && !name.startsWith(select.prefix)) return false;
  if (select.tags && !Object.entries(select.tags).every(([k, v]) => r.tags[k] === v)) return false;
  return true;
}

/** The threshold of one recommendation for one resource, or why there is none. */
function thresholdFor(rec: Recommendation, declared: PackDeclaration, r: DiscoveredResource): number | string {
  const override = declared.overrides[rec.key]?.threshold;
  if (override !== undefined) return override;
  const t = rec.threshold;
  switch (t.basis) {
    case 'fixed':
      return t.value;
    case 'resource': {
      const value = r.attributes[t.attribute];
      if (value === undefined) return `discovery read no ${t.attribute} for it (${t.rule})`;
      return Math.round(value * t.factor * 1000) / 1000;
    }
    case 'none':
      // The loader refused this already (build.ts); kept total for a declaration built elsewhere.
      return `AWS recommends none (${t.justification})`;
  }
}

/** One alarm of a pack for one resource. */
function alarmSpec(
  pack: ServicePack,
  rec: Recommendation,
  declared: PackDeclaration,
  r: DiscoveredResource,
  threshold: number,
): MetricAlarmSpec {
  const o = declared.overrides[rec.key] ?? {};
  const evaluationPeriods = o.evaluationPeriods ?? rec.evaluationPeriods;
  const basic = ['Sum', 'Average', 'Minimum', 'Maximum', 'SampleCount'].includes(rec.statistic);
  return {
    kind: 'metricAlarm',
    name: packAlarmName(pack.service, pack.name(r.arn), rec.key),
    description: `${pack.title} recommended alarm (${rec.section}): ${rec.intent}`,
    ...declared.actions,
    metric: {
      namespace: rec.namespace,
      metricName: rec.metric,
      dimensions: sortedRecord({ ...pack.dimensions(r.arn), ...rec.extraDimensions }),
      period: o.period ?? rec.period,
      statistic: basic ? rec.statistic : undefined,
      extendedStatistic: basic ? undefined : rec.statistic,
    },
    threshold,
    comparisonOperator: rec.comparison,
    evaluationPeriods,
    datapointsToAlarm: o.datapointsToAlarm ?? Math.min(rec.datapointsToAlarm, evaluationPeriods),
    treatMissingData: o.treatMissingData ?? rec.treatMissingData,
    tags: declared.tags,
  };
}

/**
 * Turns every pack into ordinary metric alarms, one per recommendation per selected resource: pure,
 * fed by discovery's read (discover.ts), before the diff. Rules that keep it readable:
 * a resource two packs of one service select gets the first pack's alarms (a notice names the other);
 * a name a declared alarm already has stays the declared alarm's (a warning names the pack's).
 */
export function expandPacks(stack: DesiredStack, discovered: readonly PackDiscovery[]): ExpandedStack {
  const packs = stack.packs ?? [];
  const taken = new Set(stack.resources.flatMap((r) => (r.spec.kind === 'metricAlarm' ? [r.spec.name] : [])));
  const claimed = new Map<string, PackDeclaration>();
  const added: DesiredResource[] = [];
  const expansions: PackExpansion[] = [];
  const notices: PlanNotice[] = [];
  const byService = new Map<string, string[]>();
  packs.forEach((declared, i) => {
    const pack = servicePack(declared.service);
    if (!pack) return;
    const found = (discovered[i]?.resources ?? [])
      .filter((r) => pack.dimensions(r.arn) !== undefined && selected(pack, declared.select, r))
      .sort((a, b) => pack.name(a.arn).localeCompare(pack.name(b.arn)));
    const names: string[] = [];
    let alarms = 0;
    for (const r of found) {
      const claim = `${pack.service}\u0000${r.arn}`;
      const first = claimed.get(claim);
      if (first) {
        notices.push({
          severity: 'info',
          message: `pack ${pack.service} at ${where(declared.source)} also selects ${pack.noun[0]} ${pack.name(r.arn)}; it keeps the alarms of the pack at ${where(first.source)}, declared first`,
        });
        continue;
      }
      claimed.set(claim, declared);
      names.push(pack.name(r.arn));
      for (const rec of pack.recommendations) {
        if (declared.except.includes(rec.key)) continue;
        const threshold = thresholdFor(rec, declared, r);
        if (typeof threshold === 'string') {
          notices.push({
            severity: 'warning',
            message: `pack ${pack.service} at ${where(declared.source)}: no ${rec.key} alarm for ${pack.name(r.arn)}: ${threshold}`,
          });
          continue;
        }
        const spec = alarmSpec(pack, rec, declared, r, threshold);
        if (taken.has(spec.name)) {
          notices.push({
            severity: 'warning',
            message: `pack ${pack.service} at ${where(declared.source)}: alarm ${spec.name} is declared in the files already; the declared one is kept`,
          });
          continue;
        }
        taken.add(spec.name);
        added.push({ spec, source: declared.source, sensitive: [] });
        byService.set(pack.service, [...(byService.get(pack.service) ?? []), spec.name]);
        alarms += 1;
      }
    }
    expansions.push({ pack: declared, resources: names, alarms });
  });
  for (const e of expansions) notices.push({ severity: 'info', message: expansionLine(e) });
  // Mute rules naming packs (`packs: [lambda]`) mute the alarms just made.
  const muted = resolvePackTargets(stack.resources, byService);
  notices.push(...muted.notices);
  const expanded = { ...stack, resources: [...muted.resources, ...added] };
  return { stack: added.length > 0 ? redrawOverview(expanded) : expanded, expansions, notices };
}

/** `pack lambda (team=shop) at monitors/packs.yaml:3: 3 functions × 3 alarms`. */
export function expansionLine(e: PackExpansion): string {
  const pack = servicePack(e.pack.service);
  const n = e.resources.length;
  const noun = pack ? pack.noun[n === 1 ? 0 : 1] : 'resources';
  const per = n === 0 ? 0 : Math.round(e.alarms / n);
  const list = n > 0 ? ` (${e.resources.slice(0, 10).join(', ')}${n > 10 ? `, … ${n - 10} more` : ''})` : '';
  return `pack ${e.pack.service} (${selectionLabel(e.pack.select)}) at ${where(e.pack.source)}: ${n} ${noun} × ${per} alarms${list}`;
}
