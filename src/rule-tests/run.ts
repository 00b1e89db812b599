/**
 * Runs a stack's rule tests: loads the stack and its tests/ files, checks every name a test uses, then
 * simulates each test offline and compares what happened with what the test expects.
 */
import { ConfigError, filterAwsName, type Diagnostic, type DesiredStack, type SourceLocation } from '../model';
import { loadStack } from '../config/load';
import { didYouMean } from '../config/suggest';
import {
  computeStatistic,
  engineEvaluator,
  evaluationRangeLength,
  parseStatistic,
  periodStart,
  sameMetric,
  simulateStack,
  stateAt,
  type FilterEvaluator,
  type LogEvent,
  type AlarmTimeline,
  type StackSimulation,
} from '../simulate';
import { findTestFiles, formatTime, loadTestFile, type RuleTest } from './format';

/** One expectation that did not hold: what was expected and what the simulation produced, line by line. */
export interface Failure {
  readonly location: SourceLocation;
  readonly subject: string;
  readonly expected: readonly string[];
  readonly got: readonly string[];
}

export interface TestResult {
  readonly name: string;
  readonly location: SourceLocation;
  readonly failures: readonly Failure[];
}

export interface RuleTestReport {
  readonly directory: string;
  readonly files: readonly string[];
  readonly results: readonly TestResult[];
  readonly passed: number;
  readonly failed: number;
}

/** Loads and runs every test under `<dir>/tests/`. Throws ConfigError when a stack or test file is wrong. */
export async function runRuleTests(
  dir: string,
  options: { readonly env?: NodeJS.ProcessEnv; readonly evaluate?: FilterEvaluator } = {},
): Promise<RuleTestReport> {
  const stack = await loadStack(dir, { env: options.env ?? {} });
  const files = await findTestFiles(dir);
  const diagnostics: Diagnostic[] = [];
  const tests: RuleTest[] = [];
  for (const f of files) {
    const loaded = await loadTestFile(f);
    diagnostics.push(...loaded.diagnostics);
    tests.push(...loaded.tests);
  }
  for (const t of tests) diagnostics.push(...checkNames(stack, t), ...checkSpan(stack, t));
  if (diagnostics.some((d) => d.severity === 'error')) throw new ConfigError(diagnostics);

  const evaluate = options.evaluate ?? engineEvaluator();
  const results = tests.map((t) => runOne(stack, t, evaluate));
  const failed = results.filter((r) => r.failures.length > 0).length;
  return {
    directory: dir,
    files: [...new Set(tests.map((t) => t.location.file))],
    results,
    passed: results.length - failed,
    failed,
  };
}

const specsOf = (stack: DesiredStack) => stack.resources.map((r) => r.spec);
const topicName = (arnOrName: string) => arnOrName.slice(arnOrName.lastIndexOf(':') + 1);

/** The log group a line goes to: its own, or the stack's only one. */
function groupOf(stack: DesiredStack, given: string | undefined): string | undefined {
  if (given !== undefined) return given;
  const groups = specsOf(stack).filter((s) => s.kind === 'logGroup');
  const filterGroups = new Set(specsOf(stack).flatMap((s) => (s.kind === 'metricFilter' ? [s.logGroupName] : [])));
  const candidates = new Set([...groups.map((g) => g.name), ...filterGroups]);
  return candidates.size === 1 ? [...candidates][0] : undefined;
}

/** Every name a test uses must exist in the stack: a typo is an error at its line, not a failing test. */
function checkNames(stack: DesiredStack, t: RuleTest): Diagnostic[] {
  const out: Diagnostic[] = [];
  const error = (message: string, location: SourceLocation) =>
    out.push({ severity: 'error', code: 'DANGLING_REFERENCE', message, location });
  const specs = specsOf(stack);
  const groups = new Set(
    specs.flatMap((s) => (s.kind === 'logGroup' ? [s.name] : s.kind === 'metricFilter' ? [s.logGroupName] : [])),
  );
  const filters = new Map(specs.flatMap((s) => (s.kind === 'metricFilter' ? [[s.filterName, s] as const] : [])));
  const filterNames = [...filters.keys()].map((n) => n.slice(`monitors.${stack.settings.name}.`.length));
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
    else if (spec.kind === 'metricAlarm' && !spec.metric)
      error(`alarm "${a.alarm}" uses metric math, which the simulator does not evaluate`, a.location);
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

function checkSpan(stack: DesiredStack, t: RuleTest): Diagnostic[] {
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
function windowEnd(stack: DesiredStack, t: RuleTest): number {
  if (t.until !== undefined) return t.until;
  const times = [
    t.start,
    ...t.logs.map((l) => l.at),
    ...t.datapoints.map((d) => d.timestamp),
    ...t.metrics.map((m) => m.at),
    ...t.alarms.map((a) => a.at),
    ...(t.notifications?.list ?? []).map((n) => n.at),
  ];
  const margins = specsOf(stack).flatMap((s) =>
    s.kind === 'metricAlarm' && s.metric
      ? [s.metric.period * 1000 * (evaluationRangeLength(s.evaluationPeriods) + 1)]
      : [],
  );
  return Math.max(...times) + Math.max(60_000, ...margins);
}

const OPERATOR_TEXT: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const near = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b));
const listed = (lines: readonly number[]) =>
  lines.length === 0 ? 'no line' : `line${lines.length > 1 ? 's' : ''} ${lines.join(', ')}`;

function runOne(stack: DesiredStack, t: RuleTest, evaluate: FilterEvaluator): TestResult {
  const events: LogEvent[] = t.logs.map((l) => ({
    timestamp: l.at,
    message: l.message,
    logGroup: groupOf(stack, l.group) as string,
  }));
  const window = { from: t.start, to: windowEnd(stack, t) };
  const sim = simulateStack(stack, { events, datapoints: t.datapoints, window, evaluate });
  const when = (at: number) => formatTime(at, t.start);
  const failures: Failure[] = [];

  for (const m of t.matches) {
    const run = sim.filterRuns.find(
      (r) => r.filter.filterName === filterAwsName(stack.settings.name, m.filter) || r.filter.filterName === m.filter,
    );
    const matched = (run?.outcomes ?? []).filter((o) => o.outcome.matched);
    const gotLines = matched.map((o) => o.event + 1);
    const expectedLines = [...m.lines].sort((a, b) => a - b);
    if (gotLines.join() !== expectedLines.join()) {
      const show = (n: number) => `  ${n}: ${JSON.stringify(t.logs[n - 1]?.message ?? '')}`;
      failures.push({
        location: m.location,
        subject: `filter ${m.filter} matches`,
        expected: [listed(expectedLines), ...expectedLines.filter((n) => !gotLines.includes(n)).map(show)],
        got: [listed(gotLines), ...gotLines.filter((n) => !expectedLines.includes(n)).map(show)],
      });
    } else if (m.values) {
      const byLine = new Map(matched.map((o) => [o.event + 1, o.outcome.value]));
      const expected = m.lines.map((n, i) => `line ${n}: ${m.values?.[i]}`);
      const got = m.lines.map((n) => `line ${n}: ${byLine.get(n) ?? 'no value'}`);
      if (expected.join() !== got.join())
        failures.push({ location: m.location, subject: `filter ${m.filter} values`, expected, got });
    }
  }

  for (const m of t.metrics) {
    const stat = parseStatistic(m.stat);
    const start = periodStart(m.at, m.period);
    const values = sim.datapoints
      .filter((d) => sameMetric(d, m) && d.timestamp >= start && d.timestamp < start + m.period * 1000)
      .map((d) => d.value);
    const got = stat ? computeStatistic(stat, values) : undefined;
    const ok = m.value === null ? got === undefined : got !== undefined && near(got, m.value);
    if (!ok) {
      failures.push({
        location: m.location,
        subject: `${m.stat} of ${m.namespace}/${m.metricName} for the ${m.period}s period at ${when(start)}`,
        expected: [m.value === null ? 'no datapoint' : String(m.value)],
        got: [got === undefined ? 'no datapoint' : `${got} (from ${values.length} datapoint(s))`],
      });
    }
  }

  for (const a of t.alarms) {
    const timeline = sim.alarms.get(a.alarm);
    if (!timeline) continue;
    const state = stateAt(timeline, a.at);
    if (state !== a.state) {
      const last = [...timeline.evaluations].reverse().find((e) => e.at <= a.at);
      const got = [
        last
          ? `${state} since ${when(lastChange(timeline, a.at) ?? last.at)}: ${last.reason}`
          : `${state} (not evaluated yet)`,
      ];
      const spec = specsOf(stack).find((s) => s.kind === 'metricAlarm' && s.name === a.alarm);
      if (last && spec?.kind === 'metricAlarm' && spec.metric) {
        // The statistics the last evaluation looked at, so a reader sees the numbers behind the verdict.
        const p = spec.metric.period * 1000;
        const from = last.at - evaluationRangeLength(spec.evaluationPeriods) * p;
        const values = timeline.periods
          .filter((x) => x.start >= from && x.start < last.at)
          .map((x) => `${when(x.start)} ${x.value ?? '(none)'}`);
        const op = OPERATOR_TEXT[spec.comparisonOperator] ?? spec.comparisonOperator;
        const threshold = spec.threshold === undefined ? '' : ` (alarm when ${op} ${spec.threshold})`;
        const stat = spec.metric.statistic ?? spec.metric.extendedStatistic;
        got.push(`${stat} per ${spec.metric.period}s period${threshold}: ${values.join(', ')}`);
      }
      failures.push({ location: a.location, subject: `alarm ${a.alarm} at ${when(a.at)}`, expected: [a.state], got });
    }
  }

  if (t.notifications) {
    const fmt = (n: { at: number; topic: string; state: string; alarm?: string }) =>
      `${when(n.at)} ${topicName(n.topic)} ${n.state}${n.alarm ? ` (${n.alarm})` : ''}`;
    const actual = notificationsOf(sim).filter((n) => n.at <= window.to);
    const unmatched = [...actual];
    const missing: string[] = [];
    for (const e of t.notifications.list) {
      const i = unmatched.findIndex(
        (n) =>
          n.at === e.at &&
          n.topic === topicName(e.topic) &&
          n.state === e.state &&
          (e.alarm === undefined || n.alarm === e.alarm),
      );
      if (i >= 0) unmatched.splice(i, 1);
      else missing.push(fmt(e));
    }
    if (missing.length > 0 || unmatched.length > 0) {
      failures.push({
        location: t.notifications.location,
        subject: `notifications until ${when(window.to)}`,
        expected: t.notifications.list.length === 0 ? ['none'] : t.notifications.list.map(fmt),
        got: actual.length === 0 ? ['none'] : actual.map(fmt),
      });
    }
  }
  return { name: t.name, location: t.location, failures };
}

function lastChange(timeline: AlarmTimeline, at: number): number | undefined {
  return [...timeline.transitions].reverse().find((tr) => tr.at <= at)?.at;
}

/** Every SNS notification the simulation sent: one per topic action of each transition, in time order. */
export function notificationsOf(sim: StackSimulation): { at: number; topic: string; state: string; alarm: string }[] {
  const out: { at: number; topic: string; state: string; alarm: string }[] = [];
  for (const timeline of sim.alarms.values()) {
    for (const tr of timeline.transitions) {
      for (const action of tr.actions) {
        if (action.startsWith('arn:aws:sns:'))
          out.push({ at: tr.at, topic: topicName(action), state: tr.to, alarm: timeline.name });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at || a.alarm.localeCompare(b.alarm) || a.topic.localeCompare(b.topic));
}
