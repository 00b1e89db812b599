/**
 * Runs the documentation corpus (test/patterns/corpus/*.yaml): every case is an example from AWS's
 * CloudWatch Logs pages, cited by URL and section, with what AWS does with it.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import { agreement, disagreements, loadCorpus } from './corpus-check';

const cases = loadCorpus();

describe('documentation corpus', () => {
  test('every case cites its page, has a unique id, and says what to check', () => {
    const ids = new Set<string>();
    for (const { file, case: c } of cases) {
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
    const checks = cases.reduce((n, { case: c }) => n + (c.rejected !== undefined ? 1 : (c.events?.length ?? 0)), 0);
    expect(checks).toBeGreaterThanOrEqual(100);
  });

  test.each(cases.map(({ file, case: c }) => [`${file} ${c.id}`, c] as const))('%s', (_name, c) => {
    expect(disagreements(c)).toEqual([]);
  });

  test('the agreement figure is every case, and docs/filter-patterns.md states it', () => {
    const { agreeing, total } = agreement(cases);
    expect({ agreeing, total }).toEqual({ agreeing: cases.length, total: cases.length });
    const doc = readFileSync(path.join(__dirname, '../../docs/filter-patterns.md'), 'utf8');
    expect(doc).toContain(`**Agreement: ${agreeing} of ${total} cases (100%)**`);
  });
});
