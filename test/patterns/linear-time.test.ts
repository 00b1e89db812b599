/**
 * Issue 20 (ReDoS): a `%regex%` from a pull request runs over real log events, so matching must take
 * time linear in the event whatever the regex, and a run must stop a pattern that eats its time.
 */
import fc from 'fast-check';
import { matchesEvent, parseFilterPattern, PatternBudget, type FilterPattern } from '../../src/patterns';
import { engineEvaluator } from '../../src/simulate';
import { matchLines } from '../../src/commands/match';
import { MonitorsError } from '../../src/model';
import type { MetricFilterSpec, MetricTransformation } from '../../src/kinds/specs';

function pattern(text: string): FilterPattern {
  const r = parseFilterPattern(text);
  if (!r.ok) throw new Error(`${text}: ${r.error.message}`);
  return r.pattern;
}

function timed(f: () => unknown): number {
  const start = performance.now();
  f();
  return performance.now() - start;
}

test("the issue's pattern on 80 a's ends at once (a backtracking engine takes minutes)", () => {
  const p = pattern('%a*a*a*a*a*a*a*b%');
  let verdict = true;
  expect(timed(() => (verdict = matchesEvent(p, 'a'.repeat(80))))).toBeLessThan(1000);
  expect(verdict).toBe(false);
  expect(matchesEvent(p, `${'a'.repeat(80)}b`)).toBe(true);
});

test('classic catastrophic shapes stay fast on a 256 KB event (the largest CloudWatch Logs accepts)', () => {
  const line = 'a'.repeat(256 * 1024 - 1);
  for (const text of ['%a*a*a*a*a*a*a*b%', '%[a-z]+[a-z]+[a-z]+;%', '%a{1,100}a{1,100}a{1,100}c%', '%.*.*.*=.*.*x%']) {
    const p = pattern(text);
    expect({ text, ms: timed(() => matchesEvent(p, line)) < 2000 }).toEqual({ text, ms: true });
  }
});

test('RE2 refuses what JavaScript would reinterpret, at the offending piece', () => {
  const backRef = parseFilterPattern('%(a)\\1%');
  expect(backRef.ok).toBe(false); // parentheses are refused first
  const r = parseFilterPattern('x %ab\\1%');
  expect(r).toEqual({ ok: false, error: { message: expect.stringContaining('invalid escape') as string, offset: 5 } });
  const big = parseFilterPattern('%a{2000}%');
  expect(big.ok).toBe(false);
  if (!big.ok) expect(big.error.message).toMatch(/repeat count/);
});

// ---------------------------------------------------------------------------------------------
// Properties over AWS's regex subset: atoms (letters, classes, escapes, `.`) with quantifiers,
// concatenated, optionally anchored, joined by `|`.

const atom = fc.constantFrom('a', 'b', 'ab', '.', '[ab]', '[^b]', '[a-c]', '\\d', '\\s', '\\w', '1', ':', '=');
const quant = fc.constantFrom('', '', '*', '+', '?', '{2}', '{1,3}', '{0,}', '{2,}');
const branch = fc
  .tuple(fc.boolean(), fc.array(fc.tuple(atom, quant), { minLength: 1, maxLength: 8 }), fc.boolean())
  .map(([start, parts, end]) => `${start ? '^' : ''}${parts.map(([a, q]) => a + q).join('')}${end ? '$' : ''}`);
const regexSource = fc.array(branch, { minLength: 1, maxLength: 3 }).map((b) => b.join('|'));

test('agrees with JavaScript RegExp (the old engine) on short events, where backtracking is cheap', () => {
  fc.assert(
    fc.property(
      regexSource,
      fc.array(fc.stringMatching(/^[ab1: =c\t]{0,12}$/), { minLength: 1, maxLength: 8 }),
      (source, events) => {
        const parsed = parseFilterPattern(`%${source}%`);
        if (!parsed.ok) return; // e.g. `a**`, refused by both
        const old = new RegExp(source);
        for (const e of events)
          expect({ source, e, m: matchesEvent(parsed.pattern, e) }).toEqual({ source, e, m: old.test(e) });
      },
    ),
    { numRuns: 800 },
  );
});

test('time per match grows with the event, not with how the regex could backtrack', () => {
  fc.assert(
    fc.property(
      regexSource,
      fc.constantFrom('a', 'ab', 'a1', 'b', '1:'),
      fc.integer({ min: 1_000, max: 20_000 }),
      (source, unit, length) => {
        const parsed = parseFilterPattern(`%${source}x%`);
        if (!parsed.ok) return;
        // A long run of what the pattern's atoms accept, with no `x`: the worst case for backtracking.
        const event = unit.repeat(Math.ceil(length / unit.length));
        // 20 µs per character is 100 times RE2's usual cost here; backtracking exceeds it by orders.
        expect({ source, ms: timed(() => matchesEvent(parsed.pattern, event)) < 50 + length * 0.02 }).toEqual({
          source,
          ms: true,
        });
      },
    ),
    { numRuns: 150 },
  );
});

// ---------------------------------------------------------------------------------------------
// The time budget per pattern.

/** A clock that advances `stepMs` each time it is read: every evaluation costs `stepMs`. */
function steppingClock(stepMs: number): () => number {
  let now = 0;
  return () => (now += stepMs);
}

const transformation: MetricTransformation = {
  metricName: 'M',
  metricNamespace: 'N',
  metricValue: '1',
  dimensions: {},
};
const filter: MetricFilterSpec = {
  filterName: 'errors',
  logGroupName: '/app',
  filterPattern: 'ERROR',
  transformation,
} as MetricFilterSpec;

test('a pattern over its budget stops the run with TIMEOUT, naming what it belongs to', () => {
  const budget = new PatternBudget('filter errors', 1000, steppingClock(300));
  expect(budget.charge(() => 1)).toBe(1);
  budget.charge(() => 2);
  budget.charge(() => 3);
  let caught: unknown;
  try {
    budget.charge(() => 4);
  } catch (e) {
    caught = e;
  }
  expect(caught).toBeInstanceOf(MonitorsError);
  expect((caught as MonitorsError).code).toBe('TIMEOUT');
  expect((caught as MonitorsError).message).toMatch(
    /^filter errors: the filter pattern spent 1\.2 s on 4 event\(s\), over its budget of 1 s/,
  );
});

test('the simulator (rule tests, backtest, the action) charges each pattern to its own budget', () => {
  const evaluate = engineEvaluator({ budgetMs: 1000, clock: steppingClock(400) });
  const other = { ...filter, filterName: 'warnings', filterPattern: 'WARN' } as MetricFilterSpec;
  expect(evaluate(filter, 'ERROR x').matched).toBe(true);
  expect(evaluate(other, 'WARN x').matched).toBe(true);
  expect(evaluate(filter, 'ERROR y').matched).toBe(true);
  expect(evaluate(other, 'x').matched).toBe(false);
  expect(() => evaluate(filter, 'ERROR z')).toThrow(/^filter errors: .*over its budget of 1 s/);
  expect(() => evaluate(other, 'x')).toThrow(/^filter warnings: /);
});

test('match charges every line to one budget', () => {
  const budget = new PatternBudget('match', 1000, steppingClock(400));
  expect(() => matchLines(pattern('ERROR'), transformation, ['a', 'b', 'c', 'd'], budget)).toThrow(
    /^match: the filter pattern spent 1\.2 s on 3 event/,
  );
});
