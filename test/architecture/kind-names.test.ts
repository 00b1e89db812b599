/**
 * A kind is one folder (src/kinds/<kind>/): the pipeline stages iterate over the registry and never
 * name a kind. This reads every source file outside src/kinds/ for a kind's name as a string literal
 * ('metricAlarm', "topic", `subscription`) and fails on any file not allowed below with a reason.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { RESOURCE_KINDS } from '../../src/kinds/registry';

const SRC = path.join(__dirname, '..', '..', 'src');

/** Files that may name kinds, and why. Everything else under src/ (outside src/kinds/) may not. */
const ALLOWED: Readonly<Record<string, string>> = {
  'model/resources.ts': 'FilterSpec, the metric filter spec the model’s stack and emitted metrics read',
  'init/starter.ts': '"logGroup" there is a YAML key of the starter files, not a kind',
  'simulate/composite.ts': 'the alarm simulator (`monitors test`) evaluates alarms by definition: not a pipeline stage',
  'simulate/metric-alarm.ts': 'the alarm simulator, as above',
  'simulate/math-alarm.ts': 'the alarm simulator, as above',
  'simulate/stack.ts': 'the alarm simulator, as above',
  'simulate/timeline.ts': 'the alarm simulator, as above',
  'rule-tests/check.ts': '`monitors test` checks names against alarms and filters by definition',
  'rule-tests/run.ts': '`monitors test`, as above',
  'backtest/run.ts': '`monitors backtest` replays alarms on their history by definition: not a pipeline stage',
  'import/layout.ts':
    '`monitors import` lays each kind out by definition: a log group with its filters and the alarms on their metrics, subscriptions under their topic',
  'cli/args.ts': '"topic" there is the import flag --topic, not a kind',
  'cli/table.ts': '"topic" there is the import flag --topic, not a kind',
  'config/schema-validators.generated.ts':
    'the JSON Schema compiled to code (npm run build:schema): it names every YAML key',
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

const literal = new RegExp(`(['"\`])(${RESOURCE_KINDS.join('|')})\\1`, 'g');

/** The kind names a file's text holds as string literals, with their line numbers. */
function kindNamesIn(text: string): string[] {
  return text.split('\n').flatMap((line, i) => [...line.matchAll(literal)].map((m) => `${i + 1}: ${m[2] as string}`));
}

const rel = (file: string) => path.relative(SRC, file).split(path.sep).join('/');
const outsideKinds = sources(SRC).filter((f) => !rel(f).startsWith('kinds/'));

test('the scan sees kind names where they are (it can fail)', () => {
  const inKinds = sources(path.join(SRC, 'kinds')).filter((f) => kindNamesIn(readFileSync(f, 'utf8')).length > 0);
  expect(inKinds.length).toBeGreaterThanOrEqual(RESOURCE_KINDS.length);
  expect(kindNamesIn("if (spec.kind === 'metricAlarm') return;")).toEqual(['1: metricAlarm']);
});

test('no pipeline stage outside src/kinds/ names a kind', () => {
  const offenders = outsideKinds
    .filter((f) => !(rel(f) in ALLOWED))
    .flatMap((f) => kindNamesIn(readFileSync(f, 'utf8')).map((hit) => `${rel(f)}:${hit}`));
  expect(offenders).toEqual([]);
});

test('every allowed file still needs its place on the list', () => {
  const stale = Object.keys(ALLOWED).filter((file) => {
    const full = path.join(SRC, file);
    return !outsideKinds.includes(full) || kindNamesIn(readFileSync(full, 'utf8')).length === 0;
  });
  expect(stale).toEqual([]);
});

test('each kind’s spec lives in its folder: model/resources.ts only unions them', () => {
  const specIn = (text: string) => [...text.matchAll(/readonly kind: '(\w+)'/g)].map((m) => m[1]);
  expect(specIn("export interface XSpec {\n  readonly kind: 'x';")).toEqual(['x']);
  expect(specIn(readFileSync(path.join(SRC, 'model', 'resources.ts'), 'utf8'))).toEqual([]);
  // Spec files only: other types in kinds/ may be discriminated on `kind` too (a pattern check's `where`).
  const inFolders = sources(path.join(SRC, 'kinds'))
    .filter((f) => f.endsWith('spec.ts'))
    .flatMap((f) => specIn(readFileSync(f, 'utf8')));
  expect(new Set(inFolders)).toEqual(new Set(RESOURCE_KINDS));
});
