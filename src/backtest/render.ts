/** The backtest report as text (verdict and sparkline), markdown (Mermaid charts) and JSON (the series). */
import { visible } from '../model';
import { mdCode, mdText } from '../render/escape';
import { downsample, short, sparkline } from './series';
import type { BacktestEntry, BacktestReport, Outcome } from './types';
import { formatDuration, formatTime } from './window';

type Done = Extract<BacktestEntry, { status: 'done' }>;

/** Buckets per chart: 14 days of 5-minute periods become 84 buckets of 4 hours. */
export const CHART_BUCKETS = 84;
export const SPARK_BUCKETS = 56;

const OPERATOR: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

function times(n: number): string {
  return n === 1 ? 'once' : `${n} times`;
}

/** "would have fired 3 times in 14d; currently fires 11 times". */
export function verdict(e: Done): string {
  const span = formatDuration(e.to - e.from);
  const next = `would have fired ${times(e.next.fired)} in ${span}`;
  if (e.change === 'noop') return `fired ${times(e.next.fired)} in ${span}`;
  return e.current ? `${next}; currently fires ${times(e.current.fired)}` : `${next} (new alarm)`;
}

function condition(o: Outcome): string {
  return `${OPERATOR[o.comparison] ?? o.comparison} ${o.threshold ?? '?'}, ${o.datapointsToAlarm} of ${o.evaluationPeriods}`;
}

function outcomeLine(o: Outcome): string {
  const last = o.lastFired === undefined ? 'never fired' : `last fired ${formatTime(o.lastFired)}`;
  return `${times(o.fired)} to ALARM, ${formatDuration(o.msInAlarm)} in ALARM, ${last}, ends ${o.endState}`;
}

export function costLine(r: BacktestReport): string {
  const c = r.cost;
  return `${c.metricsRequested} metric(s) requested in ${c.getMetricDataCalls} GetMetricData call(s); ${c.logEventsRead} log event(s), ${c.logBytesRead} byte(s) read in ${c.filterLogEventsCalls} FilterLogEvents call(s)`;
}

function bucketText(e: Done, perBucket: number, how: string): string {
  const periodText = formatDuration(e.period * 1000);
  return perBucket === 1
    ? `per ${periodText}`
    : `per ${periodText}, ${how} of each ${formatDuration(perBucket * e.period * 1000)}`;
}

export function renderBacktestText(r: BacktestReport): string {
  const lines = [`Backtest over the last ${r.since}: ${costLine(r)}`];
  if (r.entries.length === 0) lines.push('  no created or changed metric alarm to backtest');
  for (const e of r.entries) {
    const name = visible(e.alarm);
    if (e.status === 'skipped') {
      lines.push(`  ${name}: not backtested: ${visible(e.reason)}`);
      continue;
    }
    const d = downsample(e.series, SPARK_BUCKETS, e.next.comparison);
    lines.push(`  ${name}: ${verdict(e)}`);
    lines.push(
      `    ${sparkline(d.values)}  ${visible(e.statistic)} ${bucketText(e, d.perBucket, d.how)}; ${e.next.missingPeriods} of ${e.series.length} periods missing, treated as ${e.next.treatMissingData}`,
    );
    lines.push(`    new ${condition(e.next)}: ${outcomeLine(e.next)}`);
    if (e.current) lines.push(`    current ${condition(e.current)}: ${outcomeLine(e.current)}`);
    for (const n of e.notes) lines.push(`    note: ${visible(n)}`);
  }
  return `${lines.join('\n')}\n`;
}

/** Only characters Mermaid reads as plain text inside a quoted title. */
function mermaidText(s: string): string {
  return visible(s)
    .replace(/[^A-Za-z0-9 _.,:/()-]/g, '_')
    .slice(0, 80);
}

function chart(e: Done): string {
  const d = downsample(e.series, CHART_BUCKETS, e.next.comparison);
  const n = d.values.length;
  const days = (e.to - e.from) / 86_400_000;
  const xEnd = days >= 2 ? `${short(days)}` : `${short(days * 24)}`;
  const unit = days >= 2 ? 'days' : 'hours';
  const lines = [
    '```mermaid',
    'xychart-beta',
    `  title "${mermaidText(`${e.alarm}: ${e.statistic} ${bucketText(e, d.perBucket, d.how)}`)}"`,
    `  x-axis "${unit} since ${formatTime(e.from)}" 0 --> ${xEnd}`,
    `  y-axis "${mermaidText(e.statistic)}"`,
    // Mermaid has no gaps: a bucket without data is drawn at 0 in the bars; the table counts them.
    `  bar [${d.values.map((v) => (v === null ? '0' : short(v))).join(', ')}]`,
  ];
  if (e.next.threshold !== undefined) lines.push(`  line [${Array(n).fill(short(e.next.threshold)).join(', ')}]`);
  if (e.current?.threshold !== undefined && e.current.threshold !== e.next.threshold) {
    lines.push(`  line [${Array(n).fill(short(e.current.threshold)).join(', ')}]`);
  }
  lines.push('```');
  return lines.join('\n');
}

function table(e: Done): string {
  const c = e.current;
  const row = (label: string, f: (o: Outcome) => string) => `| ${label} | ${f(e.next)} |${c ? ` ${f(c)} |` : ''}`;
  return [
    `| | new |${c ? ' current |' : ''}`,
    `|---|---|${c ? '---|' : ''}`,
    row('condition', (o) => mdText(condition(o))),
    row('transitions to ALARM', (o) => String(o.fired)),
    row('time in ALARM', (o) => formatDuration(o.msInAlarm)),
    row('last fired', (o) => (o.lastFired === undefined ? 'never' : formatTime(o.lastFired))),
    row('state at the end', (o) => o.endState),
    row('periods missing', (o) => `${o.missingPeriods} of ${e.series.length}, treated as ${o.treatMissingData}`),
  ].join('\n');
}

function fullBlock(e: Done): string {
  const d = downsample(e.series, CHART_BUCKETS, e.next.comparison);
  const legend = `Bars: the metric (${mdText(bucketText(e, d.perBucket, d.how))}, missing periods drawn at 0); lines: the new threshold${e.current && e.current.threshold !== e.next.threshold ? ', then the current one' : ''}.`;
  const notes = e.notes.map((n) => `- ${mdText(n)}`).join('\n');
  return `${verdictLine(e)}\n\n${chart(e)}\n\n${legend}\n\n${table(e)}\n${notes ? `\n${notes}\n` : ''}\n`;
}

function verdictLine(e: BacktestEntry): string {
  return e.status === 'done'
    ? `**${mdCode(e.alarm)}**: ${verdict(e)}`
    : `**${mdCode(e.alarm)}**: not backtested: ${mdText(e.reason)}`;
}

/**
 * The plan comment's section. Within maxLength: full blocks (chart and table) while they fit, then
 * verdict lines only, then a count of what was left out; never cut inside a chart.
 */
export function renderBacktestMarkdown(r: BacktestReport, maxLength = 20_000): string {
  const head = `### Backtest over the last ${mdText(r.since)}\n\n`;
  const foot = `\n<sub>Cost: ${mdText(costLine(r))}.</sub>\n`;
  const room = maxLength - head.length - foot.length - 200;
  const compact = r.entries.map((e) =>
    e.status === 'done'
      ? `${verdictLine(e)} (chart left out to keep the comment within GitHub's limit)\n\n`
      : `${verdictLine(e)}\n\n`,
  );
  // What the verdict lines of the entries after i need, so a chart never takes the room of a later verdict.
  const after = compact.map((_, i) => compact.slice(i + 1).reduce((n, c) => n + c.length, 0));
  let body = '';
  let left = 0;
  r.entries.forEach((e, i) => {
    const full = e.status === 'done' ? fullBlock(e) : (compact[i] as string);
    const rest = Math.min(after[i] as number, room / 2);
    if (left === 0 && body.length + full.length + rest <= room) body += full;
    else if (left === 0 && body.length + (compact[i] as string).length <= room) body += compact[i] as string;
    else left += 1;
  });
  if (r.entries.length === 0) body = 'No created or changed metric alarm to backtest.\n';
  const more = left > 0 ? `\n${left} more alarm(s) left out; \`monitors backtest\` shows them all.\n` : '';
  return head + body + more + foot;
}

/** The report for scripts: every period of each series, as documented in docs/plan-json.md. */
export function backtestJson(r: BacktestReport): unknown {
  return {
    since: r.since,
    limits: r.limits,
    cost: r.cost,
    alarms: r.entries.map((e) =>
      e.status === 'skipped'
        ? { alarm: e.alarm, change: e.change, status: e.status, reason: e.reason }
        : {
            alarm: e.alarm,
            change: e.change,
            status: e.status,
            source: e.source,
            verdict: verdict(e),
            from: new Date(e.from).toISOString(),
            to: new Date(e.to).toISOString(),
            period: e.period,
            statistic: e.statistic,
            next: outcomeJson(e.next),
            current: e.current ? outcomeJson(e.current) : undefined,
            notes: e.notes,
            series: e.series.map((p) => p.value),
          },
    ),
  };
}

function outcomeJson(o: Outcome): unknown {
  return { ...o, lastFired: o.lastFired === undefined ? undefined : new Date(o.lastFired).toISOString() };
}
