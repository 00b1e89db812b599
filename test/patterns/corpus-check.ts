/**
 * The documentation corpus (test/patterns/corpus/*.yaml) and how one case is checked against the
 * engine. Shared by corpus.test.ts (one test per case) and scripts/pattern-corpus.ts (the agreement
 * figure: cases agreeing / total), so both count the same way.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { evaluateEvent, extractedFields, matchesEvent, parseFilterPattern } from '../../src/patterns';
import type { MetricTransformation } from '../../src/kinds/specs';

export interface CorpusEvent {
  readonly message: string;
  readonly matches: boolean;
  readonly value?: number | null;
  readonly dimensions?: Readonly<Record<string, string>>;
  /** TestMetricFilter's extractedValues for a matching event (space-delimited patterns). */
  readonly extracted?: Readonly<Record<string, string>>;
}

export interface CorpusCase {
  readonly id: string;
  readonly source: string;
  readonly pattern: string;
  readonly rejected?: string;
  readonly ambiguous?: string;
  readonly transformation?: {
    readonly value: string;
    readonly default?: number;
    readonly dimensions?: Readonly<Record<string, string>>;
  };
  readonly events?: readonly CorpusEvent[];
}

export const CORPUS_DIR = path.join(__dirname, 'corpus');

/** Every case with the file it comes from, in file order. */
export function loadCorpus(dir = CORPUS_DIR): { file: string; case: CorpusCase }[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.yaml'))
    .sort()
    .flatMap((file) =>
      (parse(readFileSync(path.join(dir, file), 'utf8')) as CorpusCase[]).map((c) => ({ file, case: c })),
    );
}

/** Where the engine disagrees with what the case documents; empty when it agrees. */
export function disagreements(c: CorpusCase): string[] {
  const parsed = parseFilterPattern(c.pattern);
  if (c.rejected !== undefined) {
    if (parsed.ok) return [`accepted, but AWS rejects it (${c.rejected})`];
    return parsed.error.message.toLowerCase().includes(c.rejected.toLowerCase())
      ? []
      : [`rejected for another reason: ${parsed.error.message}`];
  }
  if (!parsed.ok) return [`rejected: ${parsed.error.message} at character ${parsed.error.offset + 1}`];
  const transformation: MetricTransformation | undefined = c.transformation && {
    metricName: 'M',
    metricNamespace: 'N',
    metricValue: c.transformation.value,
    defaultValue: c.transformation.default,
    dimensions: c.transformation.dimensions ?? {},
  };
  const out: string[] = [];
  for (const e of c.events ?? []) {
    const matched = matchesEvent(parsed.pattern, e.message);
    if (matched !== e.matches) out.push(`${JSON.stringify(e.message)}: ${matched ? 'matches' : 'does not match'}`);
    if (e.extracted !== undefined) {
      const got = extractedFields(parsed.pattern, e.message);
      if (JSON.stringify(sorted(got)) !== JSON.stringify(sorted(e.extracted)))
        out.push(`${JSON.stringify(e.message)}: extracts ${JSON.stringify(sorted(got))}`);
    }
    if (!transformation) continue;
    const emitted = evaluateEvent(parsed.pattern, transformation, e.message);
    if (e.value !== undefined && (emitted.value ?? null) !== e.value)
      out.push(`${JSON.stringify(e.message)}: emits ${String(emitted.value ?? null)}`);
    if (
      e.dimensions !== undefined &&
      JSON.stringify(sorted(emitted.dimensions)) !== JSON.stringify(sorted(e.dimensions))
    )
      out.push(`${JSON.stringify(e.message)}: dimensions ${JSON.stringify(emitted.dimensions)}`);
  }
  return out;
}

function sorted(r: Readonly<Record<string, string>>): [string, string][] {
  return Object.entries(r).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
}

/** The agreement figure: cases where the engine does what the documentation says, of all cases. */
export function agreement(cases: readonly { case: CorpusCase }[]): { agreeing: number; total: number } {
  const agreeing = cases.filter((c) => disagreements(c.case).length === 0).length;
  return { agreeing, total: cases.length };
}
