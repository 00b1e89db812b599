/**
 * `monitors match 'PATTERN' [FILE|-]`: which lines a filter pattern matches and the metric value
 * each would emit, offline, like the console's "Test pattern". `--aws` also asks AWS's
 * TestMetricFilter about the same lines and reports where the two disagree.
 */
import { oneOf, parseCommandLine } from '../cli/command-line';
import { FORMATS } from '../cli/table';
import { excerpt } from '../model/visible';
import { MonitorsError } from '../model';
import {
  evaluateEvent,
  extractedFields,
  parseFilterPattern,
  PatternBudget,
  type FilterPattern,
  type MetricEmission,
} from '../patterns';
import type { MetricTransformation } from '../kinds/specs';

export interface MatchOptions {
  readonly pattern: string;
  /** A path, or "-" for standard input. */
  readonly input: string;
  readonly value: string;
  readonly defaultValue?: number;
  readonly format: 'text' | 'json';
  readonly aws: boolean;
  readonly region?: string;
  readonly profile?: string;
  readonly endpointUrl?: string;
}

/** Parses `match`'s arguments (argv after the word "match"); `{ help: true }` for --help. */
export function parseMatchArgs(argv: readonly string[]): MatchOptions | { readonly help: true } {
  const parsed = parseCommandLine('match', argv);
  if (parsed.flag('help')) return { help: true };
  const [pattern, input = '-', ...extra] = parsed.positionals;
  if (pattern === undefined) throw new MonitorsError('USAGE', `match needs a pattern: monitors match 'ERROR' app.log`);
  if (extra.length > 0)
    throw new MonitorsError('USAGE', `expected a pattern and at most one file, got also: ${extra.join(' ')}`);
  const format = oneOf('format', parsed.str('format'), FORMATS.match) ?? 'text';
  const given = parsed.str('default');
  const defaultValue = given === undefined ? undefined : Number(given);
  if (defaultValue !== undefined && !Number.isFinite(defaultValue))
    throw new MonitorsError('USAGE', `--default ${excerpt(given)} is not valid: expected a number`);
  return {
    pattern,
    input,
    value: parsed.str('value') ?? '1',
    defaultValue,
    format,
    aws: parsed.flag('aws'),
    region: parsed.str('region'),
    profile: parsed.str('profile'),
    endpointUrl: parsed.str('endpoint-url'),
  };
}

/** What the engine says about one input line. */
export interface LineResult {
  /** 1-based line number in the input. */
  readonly line: number;
  readonly message: string;
  readonly matches: boolean;
  /** The metric value the line emits, or null when it emits none. */
  readonly value: number | null;
  readonly dimensions: Readonly<Record<string, string>>;
  /** Space-delimited patterns: the extracted fields (`$1`.., `$name`), as the console shows them. */
  readonly fields: Readonly<Record<string, string>>;
}

/** The engine's verdict on every line (pure: no I/O); throws TIMEOUT once the pattern is over `budget`. */
export function matchLines(
  pattern: FilterPattern,
  transformation: MetricTransformation,
  lines: readonly string[],
  budget: PatternBudget = new PatternBudget('match'),
): LineResult[] {
  return lines.map((message, i) => {
    const e: MetricEmission = budget.charge(() => evaluateEvent(pattern, transformation, message));
    const fields =
      e.matched && pattern.form === 'delimited' ? budget.charge(() => extractedFields(pattern, message)) : {};
    return { line: i + 1, message, matches: e.matched, value: e.value ?? null, dimensions: e.dimensions, fields };
  });
}

/** Splits input text into lines; a final newline does not make an extra empty line. */
export function splitLines(text: string): string[] {
  const lines = text.split(/\r?\n/);
  if (lines.length > 0 && lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** The pattern with a caret under `offset`, for error output (the line of the pattern holding it). */
export function caretUnder(pattern: string, offset: number): string {
  const start = pattern.lastIndexOf('\n', offset - 1) + 1;
  const endAt = pattern.indexOf('\n', offset);
  const line = pattern.slice(start, endAt < 0 ? undefined : endAt);
  return `  ${printable(line)}\n  ${' '.repeat(Math.max(0, offset - start))}^`;
}

/** Control characters (terminal escapes) in log lines are shown, never sent to the terminal. */
function printable(text: string): string {
  return [...text]
    .map((c) => ((c.charCodeAt(0) < 0x20 && c !== '\t') || c.charCodeAt(0) === 0x7f ? '\uFFFD' : c))
    .join('');
}

/** Text report: one row per line with its verdict and value, then a count. */
export function renderText(results: readonly LineResult[]): string[] {
  const width = String(results.length).length;
  const rows = results.map((r) => {
    const verdict = r.matches ? 'match   ' : 'no match';
    const value = r.value === null ? '-' : String(r.value);
    const dims =
      Object.keys(r.dimensions).length > 0
        ? `  ${Object.entries(r.dimensions)
            .map(([k, v]) => `${k}=${printable(v)}`)
            .join(' ')}`
        : '';
    return `${String(r.line).padStart(width)}  ${verdict}  value ${value.padEnd(6)}${dims}  ${printable(r.message)}`;
  });
  const matched = results.filter((r) => r.matches).length;
  return [...rows, `${matched} of ${results.length} line(s) match`];
}

/** One JSON object per line (JSON Lines), so large inputs stream and `jq` reads them. */
export function renderJson(results: readonly LineResult[]): string[] {
  return results.map((r) => JSON.stringify(r));
}

export interface AwsVerdicts {
  /** 1-based line numbers AWS matched. */
  readonly matched: ReadonlySet<number>;
  /** Lines not sent to AWS (TestMetricFilter refuses empty messages). */
  readonly skipped: ReadonlySet<number>;
}

/** Where the engine and AWS disagree, one sentence per line. */
export function disagreements(results: readonly LineResult[], aws: AwsVerdicts): string[] {
  return results
    .filter((r) => !aws.skipped.has(r.line) && r.matches !== aws.matched.has(r.line))
    .map(
      (r) =>
        `line ${r.line}: monitors says ${r.matches ? 'match' : 'no match'}, AWS TestMetricFilter says ${aws.matched.has(r.line) ? 'match' : 'no match'}`,
    );
}

export interface MatchIo {
  readonly readInput: (input: string) => Promise<string>;
  readonly out: (line: string) => void;
  readonly err: (line: string) => void;
  /** Runs AWS's TestMetricFilter over the lines; only called with --aws. */
  readonly testOnAws: (pattern: string, lines: readonly string[], options: MatchOptions) => Promise<AwsVerdicts>;
}

/** Runs `monitors match`; returns the exit code. */
export async function runMatch(options: MatchOptions, io: MatchIo): Promise<number> {
  const parsed = parseFilterPattern(options.pattern);
  if (!parsed.ok) {
    io.err(`Error: invalid filter pattern: ${parsed.error.message} (at character ${parsed.error.offset + 1})`);
    io.err(caretUnder(options.pattern, parsed.error.offset));
    return 1;
  }
  const transformation: MetricTransformation = {
    metricName: 'match',
    metricNamespace: 'match',
    metricValue: options.value,
    defaultValue: options.defaultValue,
    dimensions: {},
  };
  const lines = splitLines(await io.readInput(options.input));
  const results = matchLines(parsed.pattern, transformation, lines);
  for (const row of options.format === 'json' ? renderJson(results) : renderText(results)) io.out(row);
  if (!options.aws) return 0;
  const aws = await io.testOnAws(options.pattern, lines, options);
  const differ = disagreements(results, aws);
  const skipped =
    aws.skipped.size > 0 ? ` (${aws.skipped.size} empty line(s) not sent: AWS refuses empty messages)` : '';
  if (differ.length === 0) {
    io.err(`AWS TestMetricFilter agrees on all ${lines.length - aws.skipped.size} line(s)${skipped}`);
    return 0;
  }
  for (const d of differ) io.err(d);
  io.err(`AWS TestMetricFilter disagrees on ${differ.length} line(s)${skipped}`);
  return 1;
}
