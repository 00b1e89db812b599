/**
 * Properties of the engine over generated input: the parser never throws, whatever the text; and a
 * pattern's verdict on an event does not depend on how its insignificant whitespace is written.
 */
import fc from 'fast-check';
import { formatPattern, matchesEvent, parseFilterPattern } from '../../src/patterns';

/** Characters that mean something in some form, so generated text reaches deep into the grammar. */
const SYNTAX = [...'{}[]()$.=!<>&|"%*,?-\\ \t\nISNOTEXISTRUEFALSNULab01e+'];

describe('parser', () => {
  test('never throws on arbitrary text', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 200 }), (text) => {
        const r = parseFilterPattern(text);
        if (!r.ok) expect(r.error.offset).toBeGreaterThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  test('never throws on text made of syntax characters, and reports offsets inside the text', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SYNTAX), { maxLength: 60 }), (chars) => {
        const text = chars.join('');
        const r = parseFilterPattern(text);
        if (!r.ok) {
          expect(r.error.offset).toBeGreaterThanOrEqual(0);
          expect(r.error.offset).toBeLessThanOrEqual(text.length);
          expect(r.error.message).not.toMatch(/internal parser error/);
        }
      }),
      { numRuns: 3000 },
    );
  });
});

// ---------------------------------------------------------------------------------------------
// Whitespace independence: each pattern is generated as tokens, then written twice: once with
// single spaces, once with random runs of blanks (or none where the grammar allows none).

type Gap = 'optional' | 'required';
type Piece = string | Gap;

const blank = fc.constantFrom(' ', '  ', '\t', ' \n ', '   ');
function render(pieces: readonly Piece[], gaps: readonly string[], canonical: boolean): string {
  let gi = 0;
  return pieces
    .map((p) => {
      if (p !== 'optional' && p !== 'required') return p;
      const g = gaps[gi++ % gaps.length] ?? ' ';
      if (canonical) return ' ';
      return p === 'optional' && g === '   ' ? '' : g;
    })
    .join('');
}

const field = fc.constantFrom('a', 'b', 'c');
const word = fc.constantFrom('x', 'y', 'xy', 'x*', '*y', '*', '"x y"', '1', '2.5', '-3');
const num = fc.constantFrom('0', '1', '2.5', '-3', '1e1');

/** Selectors in every documented form: a name, a dotted key in brackets, and the two wildcards. */
const jsonSelector = fc.oneof(
  field.map((f) => `$.${f}`),
  fc.constantFrom("$.['a.b']", '$.*', '$.a[*]', '$.*.a'),
);
const jsonCond: fc.Arbitrary<Piece[]> = fc.oneof(
  fc.tuple(field, fc.constantFrom('=', '!='), word).map(([f, op, v]) => [`$.${f}`, 'optional', op, 'optional', v]),
  fc.tuple(jsonSelector, fc.constantFrom('=', '!='), word).map(([sel, op, v]) => [sel, 'optional', op, 'optional', v]),
  fc
    .tuple(field, fc.constantFrom('<', '<=', '>', '>='), num)
    .map(([f, op, v]) => [`$.${f}`, 'optional', op, 'optional', v]),
  fc
    .tuple(field, fc.constantFrom('TRUE', 'FALSE', 'NULL'))
    .map(([f, t]) => [`$.${f}`, 'required', 'IS', 'required', t]),
  field.map((f) => [`$.${f}`, 'required', 'NOT', 'required', 'EXISTS']),
);
const jsonExpr: fc.Arbitrary<Piece[]> = fc.letrec<{ e: Piece[] }>((tie) => ({
  e: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    jsonCond,
    fc
      .tuple(tie('e'), fc.constantFrom('&&', '||'), tie('e'))
      .map(([l, op, r]) => [...l, 'optional', op, 'optional', ...r]),
    tie('e').map((e) => ['(', 'optional', ...e, 'optional', ')']),
  ),
})).e;
const jsonEvent = fc
  .record(
    {
      a: fc.oneof(fc.constantFrom('x', 'y', 'xy', 'x y', '*', null, true, false), fc.integer({ min: -5, max: 5 })),
      b: fc.oneof(fc.constantFrom('x', 'yy', '1'), fc.double({ min: -5, max: 5, noNaN: true })),
      c: fc.constantFrom(true, false, null, 'x', 0),
      'a.b': fc.constantFrom('x', 'y', 1),
    },
    { requiredKeys: [] },
  )
  .map((o) => JSON.stringify(o));

const delimCond: fc.Arbitrary<Piece[]> = fc.oneof(
  fc.tuple(field, fc.constantFrom('=', '!='), word).map(([f, op, v]) => [f, 'optional', op, 'optional', v]),
  fc.tuple(field, fc.constantFrom('<', '>', '>='), num).map(([f, op, v]) => [f, 'optional', op, 'optional', v]),
);
const delimSlot: fc.Arbitrary<Piece[]> = fc.oneof(
  field.map((f) => [f]),
  fc.constant<Piece[]>(['...']),
  delimCond,
  fc
    .tuple(delimCond, fc.constantFrom('&&', '||'), delimCond)
    .map(([l, op, r]) => [...l, 'optional', op, 'optional', ...r]),
);
const delimPattern = fc
  .array(delimSlot, { minLength: 1, maxLength: 4 })
  .map(
    (slots) =>
      [
        '[',
        'optional',
        ...slots.flatMap((s, i) => (i === 0 ? s : ['optional', ',', 'optional', ...s])),
        'optional',
        ']',
      ] as Piece[],
  );
const delimEvent = fc
  .array(fc.constantFrom('x', 'y', 'xy', '1', '2.5', '-3', '"x y"', '[x y]'), { maxLength: 5 })
  .map((w) => w.join(' '));

const term = fc.constantFrom('x', 'y', '"x y"', '?x', '?y', '-x', '-"y"', '%x+%');
const termsPattern = fc
  .array(term, { minLength: 1, maxLength: 4 })
  .map((ts) => ts.flatMap((t, i) => (i === 0 ? [t] : ['required', t])) as Piece[]);
const termsEvent = fc.array(fc.constantFrom('x', 'y', 'z', 'x y', 'xx'), { maxLength: 4 }).map((w) => w.join(' '));

function sameVerdict(pieces: fc.Arbitrary<Piece[]>, events: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(
      pieces,
      fc.array(blank, { minLength: 1, maxLength: 8 }),
      fc.array(events, { minLength: 1, maxLength: 6 }),
      (p, gaps, evs) => {
        const canonical = parseFilterPattern(render(p, gaps, true));
        const spaced = parseFilterPattern(render(p, gaps, false));
        expect(spaced.ok).toBe(canonical.ok);
        if (!canonical.ok || !spaced.ok) return;
        for (const e of evs) expect(matchesEvent(spaced.pattern, e)).toBe(matchesEvent(canonical.pattern, e));
      },
    ),
    { numRuns: 500 },
  );
}

describe('whitespace does not change a verdict', () => {
  test('JSON patterns', () =>
    sameVerdict(
      jsonExpr.map((e) => ['{', 'optional', ...e, 'optional', '}']),
      jsonEvent,
    ));
  test('space-delimited patterns', () => sameVerdict(delimPattern, delimEvent));
  test('term patterns', () => sameVerdict(termsPattern, termsEvent));
});

/** The canonical form (used by the plan to spot spacing-only changes) keeps every verdict. */
function canonicalKeepsVerdict(pieces: fc.Arbitrary<Piece[]>, events: fc.Arbitrary<string>): void {
  fc.assert(
    fc.property(
      pieces,
      fc.array(blank, { minLength: 1, maxLength: 8 }),
      fc.array(events, { minLength: 1, maxLength: 6 }),
      (p, gaps, evs) => {
        const parsed = parseFilterPattern(render(p, gaps, false));
        if (!parsed.ok) return;
        const text = formatPattern(parsed.pattern);
        const again = parseFilterPattern(text);
        expect(again.ok).toBe(true);
        if (!again.ok) return;
        expect(formatPattern(again.pattern)).toBe(text);
        for (const e of evs) expect(matchesEvent(again.pattern, e)).toBe(matchesEvent(parsed.pattern, e));
      },
    ),
    { numRuns: 300 },
  );
}

describe('the canonical form has the same verdicts and is stable', () => {
  test('JSON patterns', () =>
    canonicalKeepsVerdict(
      jsonExpr.map((e) => ['{', 'optional', ...e, 'optional', '}']),
      jsonEvent,
    ));
  test('space-delimited patterns', () => canonicalKeepsVerdict(delimPattern, delimEvent));
  test('term patterns', () => canonicalKeepsVerdict(termsPattern, termsEvent));
});
