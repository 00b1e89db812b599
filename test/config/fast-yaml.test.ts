/**
 * The quick YAML path (src/config/fast-yaml.ts) must give exactly what `yaml` gives, or decline: any
 * file it reads is checked against `yaml`'s document (no error, equal data), and the corners where
 * the two parsers part are declined, so `yaml` (with its messages) reads them as before.
 */
import { execFileSync } from 'child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { parseDocument } from 'yaml';
import { quickLoad } from '../../src/config/fast-yaml';
import { loadStack } from '../../src/config/load';
import { generateStack } from '../bench/generate';

const ROOT = path.join(__dirname, '..', '..');

/** yaml's reading, as the loader's slow path makes it. */
function slow(text: string): { errors: number; data: unknown } {
  const doc = parseDocument(text, { prettyErrors: false, uniqueKeys: true });
  return { errors: doc.errors.length, data: doc.toJS() };
}

// JSON.stringify turns Infinity and NaN into null: compare with them spelled out.
const spelled = (v: unknown) =>
  JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? `number:${x}` : x));

function agrees(text: string): void {
  const quick = quickLoad(text);
  if (quick === undefined) return;
  const reference = slow(text);
  expect(reference.errors).toBe(0);
  expect(spelled(quick)).toBe(spelled(reference.data));
}

describe('quick YAML path', () => {
  it('reads the repository YAML files exactly as yaml does, or declines', () => {
    const files = execFileSync('git', ['ls-files', '*.yaml', '*.yml'], { cwd: ROOT, encoding: 'utf8' })
      .split('\n')
      .filter(Boolean);
    expect(files.length).toBeGreaterThan(5);
    let read = 0;
    for (const f of files) {
      const text = readFileSync(path.join(ROOT, f), 'utf8');
      agrees(text);
      if (quickLoad(text)) read++;
    }
    // The example stack at least is read quickly, or the path does nothing.
    expect(read).toBeGreaterThanOrEqual(3);
  });

  it('reads a generated stack of every kind exactly as yaml does', () => {
    for (const text of Object.values(generateStack(50))) {
      expect(quickLoad(text)).toBeDefined();
      agrees(text);
    }
  });

  it.each([
    ['an exponent float out of range', 'threshold: 1e400\n'],
    ['a null key', '~: x\n'],
    ['an empty key', ': x\n'],
    ['a key spelled null', 'null: x\n'],
    ['a local tag', 'a: !custom 1\n'],
    ['a core tag', 'a: !!float 3\n'],
    ['an anchor and alias', 'a: &x [1]\nb: *x\n'],
    ['a YAML 1.1 directive', '%YAML 1.1\n---\na: yes\n'],
    ['two documents', 'a: 1\n---\nb: 2\n'],
    ['a duplicate key', 'a: 1\na: 2\n'],
    ['a syntax error', 'a: [1, 2\n'],
    ['a tab indent', 'a:\n\t- 1\n'],
    ['an env reference', 'a: ${env:X}\n'],
    ['an escaped env reference', 'a: "\\x24{env:X}"\n'],
    ['a control character', 'a: "x\\x1b[31m"\n'],
    ['a bidi control', 'a: "x\u202ey"\n'],
    ['a line break in a value', 'a: "x\\ny"\n'],
    ['a __proto__ key', '__proto__: { polluted: 1 }\n'],
    ['a list document', '- 1\n- 2\n'],
    ['an empty document', ''],
    ['a scalar document', 'hello\n'],
    ['not-a-number', 'a: .nan\n'],
    ['infinity', 'a: -.inf\n'],
  ])('declines %s (yaml reads it, with its checks and messages)', (_name, text) => {
    expect(quickLoad(text)).toBeUndefined();
  });

  it.each([
    ['numbers in every core form', 'a: 0o17\nb: 0x1F\nc: -0.5\nd: 1e3\ne: +12\nf: 012\ng: .5\n', true],
    ['booleans and nulls', 'a: True\nb: FALSE\nc: ~\nd: null\ne:\n', true],
    ['quoted scalars', "a: 'it''s'\nb: \"\\u00e9\"\nc: '123'\n", true],
    ['flow collections', 'a: [1, 2, ]\nb: { x: 1, y: [a, b] }\nc: {x}\n', true],
    ['comments and document markers', '--- # start\na: 1 # one\n...\n', true],
    ['block scalars (declined: a line break)', 'a: >\n  x\n  y\nb: |-\n  z\n', false],
  ])('agrees with yaml on %s', (_name, text, read) => {
    expect(quickLoad(text) !== undefined).toBe(read);
    agrees(text);
  });

  it('loads a stack with the same resources and locations whether or not positions were parsed first', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'monitors-fast-yaml-'));
    try {
      for (const [name, text] of Object.entries(generateStack(30))) writeFileSync(path.join(dir, name), text);
      const stack = await loadStack(dir);
      for (const r of stack.resources) {
        // The location found on demand is where the resource's block starts in its file.
        const text = readFileSync(r.source.file, 'utf8');
        const line = text.split('\n')[r.source.line - 1] ?? '';
        expect(r.source.column).toBeGreaterThan(0);
        expect(line.slice(r.source.column - 1)).toMatch(/^(- )?(name|sqs|email|https?|lambda|sms)/);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
