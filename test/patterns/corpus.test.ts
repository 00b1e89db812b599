/**
 * Runs the documentation corpus (test/patterns/corpus/*.yaml): every case is an example from AWS's
 * CloudWatch Logs pages, cited by URL and section, with what AWS does with it.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { evaluateEvent, matchesEvent, parseFilterPattern } from '../../src/patterns';
import type { MetricTransformation } from '../../src/model';

interface CorpusEvent {
  message: string;
  matches: boolean;
  value?: number | null;
  dimensions?: Record<string, string>;
}
interface CorpusCase {
  id: string;
  source: string;
  pattern: string;
  rejected?: string;
  ambiguous?: string;
  transformation?: { value: string; default?: number; dimensions?: Record<string, string> };
  events?: CorpusEvent[];
}

const dir = path.join(__dirname, 'corpus');
const files = readdirSync(dir).filter((f) => f.endsWith('.yaml'));
const cases: [string, CorpusCase][] = files.flatMap((f) =>
  (parse(readFileSync(path.join(dir, f), 'utf8')) as CorpusCase[]).map((c) => [f, c] as [string, CorpusCase]),
);

describe('documentation corpus', () => {
  test('every case cites its page, has a unique id, and says what to check', () => {
    const ids = new Set<string>();
    for (const [file, c] of cases) {
      expect({
        file,
        id: c.id,
        cites: /^https:\/\/(docs\.aws\.amazon\.com|github\.com\/awsdocs)\//.test(c.source),
      }).toEqual({
        file,
        id: c.id,
        cites: true,
      });
      expect(ids.has(c.id)).toBe(false);
      ids.add(c.id);
      expect(c.rejected !== undefined || (c.events?.length ?? 0) > 0).toBe(true);
    }
    // One check per event and per rejected pattern: the corpus covers every construct with 100+ of them.
    const checks = cases.reduce((n, [, c]) => n + (c.rejected !== undefined ? 1 : (c.events?.length ?? 0)), 0);
    expect(checks).toBeGreaterThanOrEqual(100);
  });

  test.each(cases.map(([file, c]) => [`${file} ${c.id}`, c] as const))('%s', (_name, c) => {
    const parsed = parseFilterPattern(c.pattern);
    if (c.rejected !== undefined) {
      expect(parsed.ok).toBe(false);
      if (!parsed.ok) expect(parsed.error.message.toLowerCase()).toContain(c.rejected.toLowerCase());
      return;
    }
    if (!parsed.ok) throw new Error(`${c.pattern} was rejected: ${parsed.error.message} at ${parsed.error.offset}`);
    const transformation: MetricTransformation | undefined = c.transformation && {
      metricName: 'M',
      metricNamespace: 'N',
      metricValue: c.transformation.value,
      defaultValue: c.transformation.default,
      dimensions: c.transformation.dimensions ?? {},
    };
    for (const e of c.events ?? []) {
      expect({ message: e.message, matches: matchesEvent(parsed.pattern, e.message) }).toEqual({
        message: e.message,
        matches: e.matches,
      });
      if (!transformation) continue;
      const emitted = evaluateEvent(parsed.pattern, transformation, e.message);
      expect(emitted.matched).toBe(e.matches);
      if (e.value !== undefined)
        expect({ message: e.message, value: emitted.value ?? null }).toEqual({ message: e.message, value: e.value });
      if (e.dimensions !== undefined) expect(emitted.dimensions).toEqual(e.dimensions);
    }
  });
});
