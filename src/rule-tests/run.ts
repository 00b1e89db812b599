/**
 * Runs a stack's rule tests: loads the stack and its tests/ files, checks every name a test uses, then
 * simulates each test offline and compares what happened with what the test expects.
 */
import { ConfigError, filterAwsName, type Diagnostic, type DesiredStack, type SourceLocation } from '../model';
import { loadStack } from '../config/load';
import { expandPacks } from '../kinds/pack/expand';
import type { DiscoveredResource } from '../kinds/pack/types';
import {
  anomalyAlarmAsSingleMetric,
  computeStatistic,
  engineEvaluator,
  evaluationRangeLength,
  parseStatistic,
  periodStart,
  sameMetric,
  simulateStack,
  stateAt,
  actionMoments,
  suppressionAt,
  type SuppressedBy,
  type FilterEvaluator,
  type LogEvent,
  type AlarmTimeline,
  type BandLookup,
  type StackSimulation,
} from '../simulate';
import { checkNames, checkSpan, groupOf, specsOf, topicName, windowEnd } from './check';
import { findTestFiles, formatTime, loadTestFile, type AlertExpectation, type RuleTest } from './format';
import { burnDatapoints, sloAlarmNames } from '../kinds/slo/scenario';

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
  const loaded = await loadStack(dir, { env: options.env ?? {}, secretsOptional: true });
  const found = await findTestFiles(dir);
  const diagnostics: Diagnostic[] = [...found.rejected];
  const tests: RuleTest[] = [];
  const stated: Record<string, DiscoveredResource[]> = {};
  for (const f of found.files) {
    const file = await loadTestFile(f.shown, f.real);
    diagnostics.push(...file.diagnostics);
    tests.push(...file.tests);
    for (const [service, list] of Object.entries(file.packResources ?? {}))
      for (const r of list)
        (stated[service] ??= []).push({ arn: r.arn, tags: r.tags ?? {}, attributes: r.attributes ?? {} });
  }
  // Alarm packs expand against the resources the test files state, as a plan does against discovery's read.
  const stack = expandPacks(
    loaded,
    (loaded.packs ?? []).map((p) => ({ resources: stated[p.service] ?? [] })),
  ).stack;
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

const OPERATOR_TEXT: Readonly<Record<string, string>> = {
  GreaterThanOrEqualToThreshold: '>=',
  GreaterThanThreshold: '>',
  LessThanThreshold: '<',
  LessThanOrEqualToThreshold: '<=',
};

const SUPPRESSED_BY: Readonly<Record<SuppressedBy, string>> = {
  Alarm: 'its suppressor is in ALARM',
  WaitPeriod: 'the wait period, for its suppressor to go into ALARM',
  ExtensionPeriod: 'the extension period, after its suppressor left ALARM',
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
  const when = (at: number) => formatTime(at, t.start);
  const failures: Failure[] = [];
  const burned = t.burn ? burnDatapoints(stack, { ...t.burn, start: t.start, until: window.to }) : [];
  if (typeof burned === 'string') {
    const burn = t.burn as NonNullable<RuleTest['burn']>;
    failures.push({ location: burn.location, subject: `burn of SLO ${burn.slo}`, expected: ['a burn'], got: [burned] });
    return { name: t.name, location: t.location, failures };
  }
  const datapoints = [...t.datapoints, ...burned];
  const sim = simulateStack(stack, { events, datapoints, window, evaluate, bands: bandsOf(stack, t) });

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
    if (!timeline) {
      const why = sim.unsupported.get(a.alarm) ?? 'not simulated';
      failures.push({
        location: a.location,
        subject: `alarm ${a.alarm} at ${when(a.at)}`,
        expected: [a.state],
        got: [`cannot tell: ${why}`],
      });
      continue;
    }
    const state = stateAt(timeline, a.at);
    const span = suppressionAt(timeline, a.at);
    if (state === a.state && a.suppressed !== undefined && a.suppressed !== (span !== undefined)) {
      const shown = (suppressed: boolean) => `${a.state}, actions ${suppressed ? 'suppressed' : 'not suppressed'}`;
      failures.push({
        location: a.location,
        subject: `alarm ${a.alarm} at ${when(a.at)}`,
        expected: [shown(a.suppressed)],
        got: [
          span
            ? `${shown(true)} from ${when(span.from)}${Number.isFinite(span.to) ? ` to ${when(span.to)}` : ''} (${SUPPRESSED_BY[span.by]})`
            : shown(false),
        ],
      });
      continue;
    }
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

  if (t.burn && t.slo) {
    const names = sloAlarmNames(t.burn.slo);
    for (const [what, expected, alarm] of [
      ['pages', t.slo.pages, names.page],
      ['tickets', t.slo.tickets, names.ticket],
    ] as const) {
      if (expected === undefined) continue;
      const failure = alertFailure(sim, alarm, expected, t.start, window.to, when);
      if (failure) failures.push({ location: t.slo.location, subject: `${what} (${alarm})`, ...failure });
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
        got: [
          ...(actual.length === 0 ? ['none'] : actual.map(fmt)),
          // What a mute rule held back, so a reader sees why an expected page is missing.
          ...[...sim.alarms.values()].flatMap((tl) =>
            tl.transitions
              .filter((tr) => tr.mutedBy !== undefined && tr.at <= window.to)
              .map((tr) => `(${when(tr.at)} ${tl.name} → ${tr.to} muted by mute rule ${tr.mutedBy ?? ''})`),
          ),
        ],
      });
    }
  }
  return { name: t.name, location: t.location, failures };
}

/** Whether an SLO alert fired as expected: by `within` after the start, or never until the end. */
function alertFailure(
  sim: StackSimulation,
  alarm: string,
  expected: AlertExpectation,
  start: number,
  end: number,
  when: (at: number) => string,
): { expected: string[]; got: string[] } | undefined {
  const timeline = sim.alarms.get(alarm);
  if (!timeline)
    return { expected: ['simulated'], got: [`cannot tell: ${sim.unsupported.get(alarm) ?? 'no such alarm'}`] };
  // A suppressed page was not sent: the alert fires when its actions run (at once, or when suppression ends).
  const fired = actionMoments(timeline).find(
    (tr) => tr.to === 'ALARM' && tr.suppressedBy === undefined && tr.at <= end,
  );
  const got = [fired ? `fired at ${when(fired.at)}` : `did not fire until ${when(end)}`];
  if (expected === 'never') return fired ? { expected: ['never'], got } : undefined;
  return fired && fired.at <= start + expected.within
    ? undefined
    : { expected: [`by ${when(start + expected.within)}`], got };
}

/** The test's band points as a lookup per anomaly alarm, by the start of the alarm's period. */
function bandsOf(stack: DesiredStack, t: RuleTest): Map<string, BandLookup> {
  const out = new Map<string, BandLookup>();
  for (const name of new Set(t.bands.map((b) => b.alarm))) {
    const spec = specsOf(stack).find((s) => s.kind === 'metricAlarm' && s.name === name);
    const period = spec?.kind === 'metricAlarm' ? anomalyAlarmAsSingleMetric(spec)?.metric?.period : undefined;
    if (period === undefined) continue;
    const byPeriod = new Map(
      t.bands
        .filter((b) => b.alarm === name)
        .map((b) => [periodStart(b.at, period), { lower: b.lower, upper: b.upper }]),
    );
    out.set(name, (start) => byPeriod.get(start));
  }
  return out;
}

function lastChange(timeline: AlarmTimeline, at: number): number | undefined {
  return [...timeline.transitions].reverse().find((tr) => tr.at <= at)?.at;
}

/** Every SNS notification the simulation sent: one per topic action of each transition, in time order. */
export function notificationsOf(sim: StackSimulation): { at: number; topic: string; state: string; alarm: string }[] {
  const out: { at: number; topic: string; state: string; alarm: string }[] = [];
  for (const timeline of sim.alarms.values()) {
    for (const tr of actionMoments(timeline)) {
      for (const action of tr.actions) {
        if (action.startsWith('arn:aws:sns:'))
          out.push({ at: tr.at, topic: topicName(action), state: tr.to, alarm: timeline.name });
      }
    }
  }
  return out.sort((a, b) => a.at - b.at || a.alarm.localeCompare(b.alarm) || a.topic.localeCompare(b.topic));
}
