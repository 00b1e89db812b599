/** The live checks and the cost estimate as text, markdown and JSON. Never calls AWS. */
import { costLine, usd, type CostEstimate } from '../cost/estimate';
import type { BillableItem } from '../kinds/live';
import { visible } from '../model';
import { mdText } from '../render/escape';
import { severityOf, type Finding, type LiveCheckReport, type SeriesRef } from './types';

const ITEM_LABEL: Readonly<Record<BillableItem, string>> = {
  standardAlarmMetric: 'standard-resolution alarm metrics',
  highResolutionAlarmMetric: 'high-resolution alarm metrics',
  compositeAlarms: 'composite alarms',
  customMetric: 'custom metrics from filters',
  dashboards: 'dashboards',
  contributorInsightsRule: 'Contributor Insights rules',
  negligible: 'forwarder (Lambda, SQS)',
};

/** "Shop/Latency InstanceID=i-123". */
function seriesText(m: SeriesRef): string {
  const dims = Object.entries(m.dimensions).map(([k, v]) => `${k}=${v}`);
  return `${m.namespace}/${m.metricName}${dims.length > 0 ? ` ${dims.join(',')}` : ''}`;
}

const n = (x: number) => x.toLocaleString('en-US');

/** What a finding says, without where (the caller puts file:line and the subject before it). */
export function findingText(f: Finding): string {
  switch (f.code) {
    case 'NO_SUCH_SERIES': {
      if (f.hidden) return 'NO_SUCH_SERIES: the metric it reads (from a secret value) has no series';
      if (f.emptyNamespace)
        return `NO_SUCH_SERIES ${seriesText(f.metric)}: namespace ${f.metric.namespace} has no metrics`;
      const hints = f.suggestions.map((s) => `${s.field} "${s.nearest}" for "${s.given}"`);
      const has = f.has.map((set) => (set.length === 0 ? '(none)' : set.join(',')));
      return [
        `NO_SUCH_SERIES ${seriesText(f.metric)}: no such series`,
        hints.length > 0 ? `; did you mean ${hints.join(', ')}?` : '',
        has.length > 0 ? ` The metric has dimensions: ${has.join(' | ')}` : '',
      ].join('');
    }
    case 'NO_RECENT_DATA':
      if (f.unit !== undefined) {
        return `NO_RECENT_DATA ${f.hidden ? 'its metric' : seriesText(f.metric)}: 0 datapoints in unit ${f.unit} in ${f.days} days (the metric has data in another unit)`;
      }
      return `NO_RECENT_DATA ${f.hidden ? 'its metric' : seriesText(f.metric)}: 0 datapoints in ${f.days} days`;
    case 'PERIOD_BELOW_RESOLUTION':
      return `PERIOD_BELOW_RESOLUTION ${f.hidden ? 'its metric' : seriesText(f.metric)}: period ${f.period}s is shorter than the data's resolution (${f.resolution}s): most periods will have no datapoint`;
    case 'THRESHOLD_UNREACHABLE':
      return `THRESHOLD_UNREACHABLE: ${f.reason}`;
    case 'FILTER_MATCH_RATE':
      return `matched ${n(f.matched)} of ${n(f.sampled)} events in the last ${f.hours} h${f.capped ? ' (the first events of the window: the sample is capped)' : ''}`;
    case 'FILTER_NO_EVENTS':
      return `no events in ${f.hidden ? 'its log group' : f.logGroup} in the last ${f.hours} h to test the pattern on`;
    case 'FILTER_DIMENSION_VALUES':
      return `${n(f.distinct)} distinct dimension value${f.distinct === 1 ? '' : 's'} in ${n(f.sampled)} events (each is a custom metric, billed monthly)`;
  }
}

function where(f: Finding): string {
  return f.source ? `${f.source.file}:${f.source.line}:${f.source.column} ` : '';
}

function lines(r: LiveCheckReport): string[] {
  return [
    ...r.findings.map((f) => `${severityOf(f)} ${where(f)}${f.subject}: ${findingText(f)}`),
    ...r.skipped.map((s) => `not run: the ${s.check} check (${s.reason})`),
  ].map(visible);
}

function totalCalls(r: LiveCheckReport): number {
  return Object.values(r.calls).reduce((a, b) => a + b, 0);
}

function heading(r: LiveCheckReport): string {
  const c = r.checked;
  return `Live checks: ${c.series} series of ${c.alarms} alarm${c.alarms === 1 ? '' : 's'}, ${c.filters} filter${c.filters === 1 ? '' : 's'}; ${totalCalls(r)} AWS call${totalCalls(r) === 1 ? '' : 's'}`;
}

function breakdown(e: CostEstimate): string[] {
  return e.lines.map(
    (l) =>
      `${ITEM_LABEL[l.item]}: ${n(l.units)} → ${usd(l.usd)}${l.units !== l.unitsBefore ? ` (before: ${n(l.unitsBefore)} → ${usd(l.usdBefore)})` : ''}`,
  );
}

function priceNote(e: CostEstimate): string {
  return `prices of ${e.exactRegion ? e.region : 'us-east-1'} from ${e.source} (${e.priceDate})`;
}

/** Text after the plan: the findings, then the estimate. */
export function renderLiveChecksText(r: LiveCheckReport | undefined, cost: CostEstimate): string {
  const out: string[] = [];
  if (r) {
    out.push(`${heading(r)}${r.findings.length + r.skipped.length === 0 ? ': nothing found' : ''}`);
    out.push(...lines(r).map((l) => `  ${l}`));
    out.push('');
  }
  out.push(`Cost: ${costLine(cost)} (${priceNote(cost)})`);
  out.push(...breakdown(cost).map((l) => `  ${l}`));
  out.push(...cost.assumptions.map((a) => `  assumes: ${a}`));
  return `\n\n${out.join('\n')}\n`;
}

/** Markdown for the comment and the job summary: findings listed, the cost on one line with its breakdown collapsed. */
export function renderLiveChecksMarkdown(
  r: LiveCheckReport | undefined,
  cost: CostEstimate,
  maxLength = Number.MAX_SAFE_INTEGER,
): string {
  const out: string[] = [`**Cost:** ${mdText(costLine(cost))}`, ''];
  out.push('<details><summary>Cost breakdown</summary>', '');
  out.push(...breakdown(cost).map((l) => `- ${mdText(l)}`));
  out.push(...cost.assumptions.map((a) => `- assumes: ${mdText(a)}`));
  out.push(`- ${mdText(priceNote(cost))}`, '', '</details>', '');
  if (r) {
    const ls = lines(r).map((l) => `- ${mdText(l)}`);
    out.push(`### ${mdText(heading(r))}`, '');
    if (ls.length === 0) out.push('Every series read exists and has recent data.');
    // Findings while they fit the share given, then how many more there are.
    let used = 0;
    const shown = ls.filter((l) => (used += l.length + 1) <= maxLength / 2);
    out.push(...shown);
    if (shown.length < ls.length)
      out.push(`- … and ${ls.length - shown.length} more (run \`monitors plan\` to see all)`);
    out.push('');
  }
  return `\n${out.join('\n')}`;
}

/** The JSON members: `liveChecks` (absent with --no-live-checks) and `cost`. */
export function liveChecksJson(r: LiveCheckReport | undefined, cost: CostEstimate): Record<string, unknown> {
  return {
    ...(r
      ? {
          liveChecks: {
            checked: r.checked,
            calls: r.calls,
            findings: r.findings.map((f) => ({
              code: f.code,
              severity: severityOf(f),
              subject: f.subject,
              source: f.source ? `${f.source.file}:${f.source.line}:${f.source.column}` : undefined,
              message: findingText(f),
              ...(f.code === 'NO_SUCH_SERIES' && !f.hidden ? { suggestions: f.suggestions, has: f.has } : {}),
            })),
            skipped: r.skipped,
          },
        }
      : {}),
    cost,
  };
}
