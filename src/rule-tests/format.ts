/**
 * The rule-test file format (schema/monitors-tests.schema.json), loaded with positions: each test, input
 * and expectation knows its file:line:column so a failure or a mistake points at the line to fix.
 */
import { promises as fs } from 'fs';
import * as path from 'path';
import type { Diagnostic, SourceLocation } from '../model';
import { schemaDiagnostics, validateTestsFile } from '../config/schema-validate';
import { findYamlFiles, locate, parseFile, TESTS_DIR, type PathSegment, type SourceFile } from '../config/source';
import type { AlarmState } from '../simulate';

const validateTests = validateTestsFile;

/** `packResources:`: what the stack's alarm packs find, stated offline, by pack service. */
export type PackResources = Readonly<
  Record<string, readonly { arn: string; tags?: Record<string, string>; attributes?: Record<string, number> }[]>
>;

/** What +0s means when a test does not say. */
export const DEFAULT_START = Date.parse('2024-01-01T00:00:00Z');

export interface LogLine {
  readonly at: number;
  readonly message: string;
  readonly group?: string;
  readonly location: SourceLocation;
}

export interface SeriesPoint {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly timestamp: number;
  readonly value: number;
}

/** One period's anomaly detection band for an alarm. */
export interface BandPoint {
  readonly alarm: string;
  readonly at: number;
  readonly lower: number;
  readonly upper: number;
  readonly location: SourceLocation;
}

export interface MatchExpectation {
  readonly filter: string;
  readonly lines: readonly number[];
  readonly values?: readonly number[];
  readonly location: SourceLocation;
}

export interface MetricExpectation {
  readonly namespace: string;
  readonly metricName: string;
  readonly dimensions: Readonly<Record<string, string>>;
  readonly stat: string;
  readonly period: number;
  readonly at: number;
  readonly value: number | null;
  readonly location: SourceLocation;
}

export interface StateExpectation {
  readonly alarm: string;
  readonly at: number;
  readonly state: AlarmState;
  /** A composite with a suppressor: whether its actions are suppressed at that time. */
  readonly suppressed?: boolean;
  readonly location: SourceLocation;
}

export interface NotificationExpectation {
  readonly at: number;
  readonly topic: string;
  readonly state: AlarmState;
  readonly alarm?: string;
}

/** An SLO scenario's input: its burn (kinds/slo/scenario.ts generates the datapoints). */
export interface BurnInput {
  readonly slo: string;
  readonly factor: number;
  readonly forMs: number;
  readonly perMinute: number;
  readonly location: SourceLocation;
}

/** When an SLO's alert must fire: no later than `within` ms after the start, or never. */
export type AlertExpectation = { readonly within: number } | 'never';

/** What a burn's page and ticket must do. */
export interface SloExpectation {
  readonly pages?: AlertExpectation;
  readonly tickets?: AlertExpectation;
  readonly location: SourceLocation;
}

/** One test case, times in ms since the epoch. */
export interface RuleTest {
  readonly name: string;
  readonly location: SourceLocation;
  readonly start: number;
  readonly until?: number;
  readonly logs: readonly LogLine[];
  readonly datapoints: readonly SeriesPoint[];
  readonly bands: readonly BandPoint[];
  readonly burn?: BurnInput;
  readonly matches: readonly MatchExpectation[];
  readonly metrics: readonly MetricExpectation[];
  readonly alarms: readonly StateExpectation[];
  readonly slo?: SloExpectation;
  /** Undefined when the test does not check notifications; [] when it expects none. */
  readonly notifications?: { readonly list: readonly NotificationExpectation[]; readonly location: SourceLocation };
}

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000, d: 86_400_000 };

/** `+1m30s` as ms after start, or an ISO timestamp; undefined when it is neither. */
export function parseTime(text: string, start: number): number | undefined {
  if (text.startsWith('+')) {
    if (text === '+0') return start;
    const parts = [...text.slice(1).matchAll(/(\d+)(ms|s|m|h|d)/g)];
    if (parts.map((p) => p[0]).join('') !== text.slice(1) || parts.length === 0) return undefined;
    return start + parts.reduce((acc, p) => acc + Number(p[1]) * (UNIT_MS[p[2] as string] as number), 0);
  }
  if (!/^\d{4}-\d{2}-\d{2}T/.test(text)) return undefined;
  const t = Date.parse(text);
  return Number.isNaN(t) ? undefined : t;
}

/** A time shown relative to the test's start (`+1m30s`), or as ISO when it is before the start. */
export function formatTime(at: number, start: number): string {
  let ms = at - start;
  if (ms < 0) return new Date(at).toISOString();
  if (ms === 0) return '+0s';
  let out = '+';
  for (const [unit, size] of [
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
    ['ms', 1],
  ] as const) {
    if (ms >= size) {
      out += `${Math.floor(ms / size)}${unit}`;
      ms %= size;
    }
  }
  return out;
}

/** `TeachMe/Errors` → namespace TeachMe, name Errors; `AWS/EC2/CPUUtilization` splits at the last slash. */
export function splitMetric(text: string): { namespace: string; metricName: string } {
  const slash = text.lastIndexOf('/');
  return { namespace: text.slice(0, slash), metricName: text.slice(slash + 1) };
}

function periodSeconds(value: number | string | undefined): number {
  if (value === undefined) return 60;
  if (typeof value === 'number') return value;
  const m = /^(\d+)(s|m|h|d)$/.exec(value) as RegExpExecArray;
  return (Number(m[1]) * (UNIT_MS[m[2] as string] as number)) / 1000;
}

type Raw = Record<string, unknown>;

/** The test files of a stack directory (`<dir>/tests/**.yaml`), none when there is no tests folder. */
export interface TestFiles {
  readonly files: readonly { readonly shown: string; readonly real: string }[];
  /** Entries refused by the same rules as monitors files (symlinks out of the folder, FIFOs, ...). */
  readonly rejected: readonly Diagnostic[];
}

export async function findTestFiles(dir: string): Promise<TestFiles> {
  const testsDir = path.join(dir, TESTS_DIR);
  const stat = await fs.lstat(testsDir).catch(() => undefined);
  if (!stat?.isDirectory()) return { files: [], rejected: [] };
  const found = await findYamlFiles(testsDir);
  return {
    files: found.files.map((shown) => ({ shown, real: found.real.get(shown) ?? shown })),
    rejected: found.rejected.map((r) => ({
      severity: 'error',
      code: 'FILE_REJECTED',
      message: `${r.file} ${r.reason}`,
      location: { file: r.file, line: 1, column: 1 },
    })),
  };
}

/** Loads one test file; problems become diagnostics at their file:line:column. */
export async function loadTestFile(
  filePath: string,
  realPath: string = filePath,
): Promise<{ tests: RuleTest[]; diagnostics: Diagnostic[]; packResources?: PackResources }> {
  const { source, errors } = await parseFile(filePath, realPath);
  if (errors.length > 0 || !source) return { tests: [], diagnostics: errors };
  const data = source.doc.toJS() as unknown;
  if (data === null || data === undefined) {
    return {
      tests: [],
      diagnostics: [
        {
          severity: 'error',
          code: 'SCHEMA',
          message: 'the file is empty: add a "tests:" list',
          location: locate(source, []),
        },
      ],
    };
  }
  const schemaErrors = readableOneOf(schemaDiagnostics(source, data, validateTests));
  if (schemaErrors.length > 0) return { tests: [], diagnostics: schemaErrors };
  const diagnostics: Diagnostic[] = [];
  const tests = ((data as Raw).tests as Raw[]).map((t, i) => buildTest(source, t, ['tests', i], diagnostics));
  const packResources = (data as Raw).packResources as PackResources | undefined;
  return { tests, diagnostics, ...(packResources ? { packResources } : {}) };
}

const ONE_OF = ': must match exactly one schema in oneOf';

/**
 * ajv says "must match exactly one schema in oneOf" for a value that fits none of a choice's forms. Where
 * a more precise error sits at the same place it is dropped; otherwise it names the forms.
 */
function readableOneOf(diagnostics: Diagnostic[]): Diagnostic[] {
  const at = (d: Diagnostic) => `${d.location.line}:${d.location.column}`;
  return diagnostics.flatMap((d) => {
    if (!d.message.endsWith(ONE_OF)) return [d];
    if (diagnostics.some((o) => o !== d && at(o) === at(d))) return [];
    const where = d.message.slice(0, -ONE_OF.length);
    const forms = /\.logs\.\d+$/.test(where)
      ? 'a string "TIME MESSAGE" (e.g. "+10s ERROR timeout") or a mapping with at, message and optionally group'
      : 'a number of seconds (60) or a duration such as 10s, 1m, 5m';
    return [{ ...d, message: `${where} must be ${forms}` }];
  });
}

function buildTest(src: SourceFile, t: Raw, at: PathSegment[], diagnostics: Diagnostic[]): RuleTest {
  const start = t.start === undefined ? DEFAULT_START : Date.parse(t.start as string);
  const time = (text: string, where: PathSegment[]): number => {
    const value = parseTime(text, start);
    if (value !== undefined) return value;
    diagnostics.push({
      severity: 'error',
      code: 'SCHEMA',
      message: `"${text}" is not a time: write +0s, +30s, +1m, +1m30s, or an ISO timestamp such as 2024-01-01T00:01:00Z`,
      location: locate(src, where),
    });
    return start;
  };
  const logs = ((t.logs as unknown[] | undefined) ?? []).map((line, j): LogLine => {
    const where = [...at, 'logs', j];
    if (typeof line === 'string') {
      const space = line.indexOf(' ');
      return { at: time(line.slice(0, space), where), message: line.slice(space + 1), location: locate(src, where) };
    }
    const l = line as Raw;
    return {
      at: time(l.at as string, [...where, 'at']),
      message: l.message as string,
      group: l.group as string | undefined,
      location: locate(src, where),
    };
  });
  const datapoints = ((t.datapoints as Raw[] | undefined) ?? []).flatMap((s, j) =>
    (s.points as string[]).map((p, k): SeriesPoint => {
      const [when = '', value = ''] = p.trim().split(/ +/);
      return {
        ...splitMetric(s.metric as string),
        dimensions: (s.dimensions as Record<string, string> | undefined) ?? {},
        timestamp: time(when, [...at, 'datapoints', j, 'points', k]),
        value: Number(value),
      };
    }),
  );
  const bands = ((t.bands as Raw[] | undefined) ?? []).flatMap((b, j) =>
    (b.points as string[]).map((p, k): BandPoint => {
      const [when = '', lower = '', upper = ''] = p.trim().split(/ +/);
      const where = [...at, 'bands', j, 'points', k];
      return {
        alarm: b.alarm as string,
        at: time(when, where),
        lower: Number(lower),
        upper: Number(upper),
        location: locate(src, where),
      };
    }),
  );
  const rawBurn = t.burn as Raw | undefined;
  const burn = rawBurn && {
    slo: rawBurn.slo as string,
    factor: rawBurn.factor as number,
    forMs: (parseTime(`+${rawBurn.for as string}`, 0) ?? 0) as number,
    perMinute: (rawBurn.requestsPerMinute as number | undefined) ?? 1000,
    location: locate(src, [...at, 'burn']),
  };
  const expect = t.expect as Raw;
  const ex = [...at, 'expect'];
  const alert = (text: unknown): AlertExpectation | undefined =>
    text === undefined
      ? undefined
      : text === 'never'
        ? 'never'
        : { within: parseTime(`+${(text as string).slice('within '.length)}`, 0) ?? 0 };
  const rawSlo = expect.slo as Raw | undefined;
  const slo = rawSlo && {
    pages: alert(rawSlo.pages),
    tickets: alert(rawSlo.tickets),
    location: locate(src, [...ex, 'slo']),
  };
  const matches = ((expect.matches as Raw[] | undefined) ?? []).map((m, j): MatchExpectation => ({
    filter: m.filter as string,
    lines: m.lines as number[],
    values: m.values as number[] | undefined,
    location: locate(src, [...ex, 'matches', j]),
  }));
  const metrics = ((expect.metrics as Raw[] | undefined) ?? []).map((m, j): MetricExpectation => ({
    ...splitMetric(m.metric as string),
    dimensions: (m.dimensions as Record<string, string> | undefined) ?? {},
    stat: (m.stat as string | undefined) ?? 'Sum',
    period: periodSeconds(m.period as number | string | undefined),
    at: time(m.at as string, [...ex, 'metrics', j, 'at']),
    value: m.value as number | null,
    location: locate(src, [...ex, 'metrics', j]),
  }));
  const alarms = ((expect.alarms as Raw[] | undefined) ?? []).map((a, j): StateExpectation => ({
    alarm: a.alarm as string,
    at: time(a.at as string, [...ex, 'alarms', j, 'at']),
    state: a.state as AlarmState,
    suppressed: a.suppressed as boolean | undefined,
    location: locate(src, [...ex, 'alarms', j]),
  }));
  const rawNotes = expect.notifications as Raw[] | undefined;
  const notifications = rawNotes && {
    list: rawNotes.map((n, j) => ({
      at: time(n.at as string, [...ex, 'notifications', j, 'at']),
      topic: n.topic as string,
      state: n.state as AlarmState,
      alarm: n.alarm as string | undefined,
    })),
    location: locate(src, [...ex, 'notifications']),
  };
  return {
    name: t.name as string,
    location: locate(src, at),
    start,
    until: t.until === undefined ? undefined : time(t.until as string, [...at, 'until']),
    logs,
    datapoints,
    bands,
    burn,
    matches,
    metrics,
    alarms,
    slo,
    notifications,
  };
}
