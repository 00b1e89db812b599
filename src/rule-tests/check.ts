/**
 * Checks of a rule test against its stack before anything runs: every name it uses exists, every line
 * has a log group, and the simulated span is bounded. Mistakes are diagnostics at their line.
 */
import { filterAwsName, isStackFilterName, type Diagnostic, type DesiredStack, type SourceLocation } from '../model';
import { didYouMean } from '../config/suggest';
import { madeByMonitors } from '../kinds/derived';
import { anomalyAlarmAsSingleMetric, evaluationRangeLength, parseStatistic } from '../simulate';
import { sloNames } from '../kinds/slo/scenario';
import type { RuleTest } from './format';

/**
 * What the stack declares, as a test names it: the resources monitors makes for itself (the chat
 * forwarder's log group, …) are not the user's and never a test's target or a second log group.
 */
export const specsOf = (stack: DesiredStack) =>
  stack.resources
    .map((r) => r.spec)
    .filter((s) => !madeByMonitors(s, [stack.settings.name, ...(stack.settings.formerNames ?? [])]));
export const topicName = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf(':') + 1);

/** The log group a line goes to: its own, or the stack's only one. */
export function groupOf(stack: DesiredStack, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const groups = specsOf(stack).filter((s) => s.kind === 'logGroup');
  const filterGroups = new Set(specsOf(stack).flatMap((s) => (s.kind === 'metricFilter' ? [s.logGroupName] : [])));
  const candidates = new Set([...groups.map((g) => g.name), ...filterGroups]);
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/** Every name a test uses must exist in the stack: a typo is an error at its line, not a failing test. */
export function checkNames(stack: DesiredStack, t: RuleTest): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (message: string, location: SourceLocation) =>
    out.push({ severity: 'error', code: 'DANGLING_REFERENCE', message, location });
  const specs = specsOf(stack);
  const groups = new Set(
    specs.flatMap((s) => (s.kind === 'logGroup' ? [s.name] : s.kind === 'metricFilter' ? [s.logGroupName] : [])),
  );
  const filters = new Map(specs.flatMap((s) => (s.kind === 'metricFilter' ? [[s.filterName, s] as const] : [])));
  // As a test names them: the stack's own by their YAML name, adopted ones (awsName:) by their AWS name.
  const filterNames = [...filters.keys()].map((n) =>
    isStackFilterName(n) ? n.slice(`monitors.${stack.settings.name}.`.length) : n,
  );
  const alarms = new Map(
    specs.flatMap((s) => (s.kind === 'metricAlarm' || s.kind === 'compositeAlarm' ? [[s.name, s] as const] : [])),
  );
  const topics = specs.flatMap((s) => (s.kind === 'topic' ? [s.name] : []));

  for (const line of t.logs) {
    const group = groupOf(stack, line.group);
    if (group === undefined)
      error(`the stack has several log groups: say which one with "group:" (${[...groups].join(', ')})`, line.location);
    else if (!groups.has(group))
      error(`log group "${group}" is not in the stack${didYouMean(group, groups)}`, line.location);
  }
  for (const m of t.matches) {
    if (!filters.has(filterAwsName(stack.settings.name, m.filter)) && !filters.has(m.filter))
      error(`no monitor or metric filter is named "${m.filter}"${didYouMean(m.filter, filterNames)}`, m.location);
    const beyond = m.lines.filter((n) => n > t.logs.length);
    if (beyond.length > 0)
      error(`line ${beyond.join(', ')} is beyond the test's ${t.logs.length} log line(s)`, m.location);
    if (m.values && m.values.length !== m.lines.length)
      error(`${m.values.length} value(s) for ${m.lines.length} line(s): give one value per matched line`, m.location);
  }
  for (const m of t.metrics) {
    if (!parseStatistic(m.stat))
      error(
        `"${m.stat}" is not a CloudWatch statistic (Sum, Average, Minimum, Maximum, SampleCount, p99, tm90, ...)`,
        m.location,
      );
  }
  for (const a of t.alarms) {
    const spec = alarms.get(a.alarm);
    if (!spec) error(`no alarm is named "${a.alarm}"${didYouMean(a.alarm, alarms.keys())}`, a.location);
    else if (a.suppressed !== undefined && (spec.kind !== 'compositeAlarm' || !spec.actionsSuppressor))
      error(
        `alarm "${a.alarm}" has no suppressor, so its actions are never suppressed: "suppressed" is for composite alarms with suppressedBy (or an SLO's page with suppressPageWhile)`,
        a.location,
      );
  }
  if (t.burn) {
    const slos = sloNames(stack);
    if (!slos.includes(t.burn.slo))
      error(`no SLO is named "${t.burn.slo}"${didYouMean(t.burn.slo, slos)}`, t.burn.location);
  }
  if (t.slo && !t.burn) error('expect.slo needs a burn: to say which SLO and how fast it burns', t.slo.location);
  for (const b of t.bands) {
    const spec = alarms.get(b.alarm);
    if (!spec) error(`no alarm is named "${b.alarm}"${didYouMean(b.alarm, alarms.keys())}`, b.location);
    else if (spec.kind !== 'metricAlarm' || !anomalyAlarmAsSingleMetric(spec))
      error(
        `alarm "${b.alarm}" is not an anomaly detection alarm: bands are for alarms whose thresholdMetricId names an ANOMALY_DETECTION_BAND expression`,
        b.location,
      );
    if (b.lower > b.upper) error(`the band's lower edge ${b.lower} is above its upper edge ${b.upper}`, b.location);
  }
  for (const n of t.notifications?.list ?? []) {
    const topic = topicName(n.topic);
    if (!topics.includes(topic) && !n.topic.startsWith('arn:'))
      error(`no topic is named "${n.topic}"${didYouMean(n.topic, topics)}`, t.notifications?.location ?? t.location);
    if (n.alarm !== undefined && !alarms.has(n.alarm))
      error(
        `no alarm is named "${n.alarm}"${didYouMean(n.alarm, alarms.keys())}`,
        t.notifications?.location ?? t.location,
      );
  }
  return out;
}

/** A test simulates at most this long: enough for any alarm (AWS caps N × period at one day), and a bound on work. */
const MAX_SPAN_MS = 31 * 86_400_000;

export function checkSpan(stack: DesiredStack, t: RuleTest): Diagnostic[] {
  const span = windowEnd(stack, t) - t.start;
  if (span >= 0 && span <= MAX_SPAN_MS) return [];
  return [
    {
      severity: 'error',
      code: 'LIMIT_EXCEEDED',
      message:
        span < 0
          ? 'the test ends before it starts: check "until" and "start"'
          : `the test spans ${Math.ceil(span / 86_400_000)} days from its start; at most 31 are simulated (set "start" near the times it uses)`,
      location: t.location,
    },
  ];
}

/** Where a test's simulation ends: its `until`, or a full evaluation range after the last thing it mentions. */
export function windowEnd(stack: DesiredStack, t: RuleTest): number {
  if (t.until !== undefined) return t.until;
  const times = [
    t.start,
    ...t.logs.map((l) => l.at),
    ...t.datapoints.map((d) => d.timestamp),
    ...t.metrics.map((m) => m.at),
    ...t.alarms.map((a) => a.at),
    ...(t.notifications?.list ?? []).map((n) => n.at),
    // A burn runs an hour past its end (the short windows let go) and past any "within".
    ...(t.burn ? [t.start + t.burn.forMs + 3_600_000] : []),
    ...[t.slo?.pages, t.slo?.tickets].flatMap((e) => (e && e !== 'never' ? [t.start + e.within] : [])),
  ];
  const margins = specsOf(stack).flatMap((s) =>
    s.kind === 'metricAlarm' && s.metric
      ? [s.metric.period * 1000 * (evaluationRangeLength(s.evaluationPeriods) + 1)]
      : [],
  );
  return Math.max(...times) + Math.max(60_000, ...margins);
}
