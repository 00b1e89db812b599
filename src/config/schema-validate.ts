import type { ErrorObject, ValidateFunction } from 'ajv';
import { excerpt, visible, type Diagnostic } from '../model';
import { locate, locateKey, type PathSegment, type SourceFile } from './source';
import { didYouMean } from './suggest';
// Compiled at build time (npm run build:schema): compiling the schema cost every command ~80 ms.
import { validateMonitorsFile, validateTestsFile } from './schema-validators.generated';

/** The rule tests' schema (schema/monitors-tests.schema.json), reported like the monitors one. */
export { validateTestsFile };

function segmentsOf(instancePath: string): PathSegment[] {
  return instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `${typeof value} ${excerpt(value)}`;
}

function valueAt(data: unknown, segments: readonly PathSegment[]): unknown {
  let v = data;
  for (const s of segments) v = v && typeof v === 'object' ? (v as Record<string, unknown>)[s as string] : undefined;
  return v;
}

const TYPE_NAME: Readonly<Record<string, string>> = {
  integer: 'a whole number',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  array: 'a list',
  object: 'a mapping',
};

/**
 * The fixed words a pattern allows, for "did you mean": the plain-word alternatives of a pattern of the
 * form ^(A|B|...)$ (stat's "^(Sum|Average|...|p[0-9]...)$" gives Sum, Average...). None for other patterns.
 */
function patternWords(pattern: string): string[] {
  const body = /^\^\((.*)\)\$$/.exec(pattern)?.[1];
  if (body === undefined) return [];
  const words: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i <= body.length; i++) {
    const c = body[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')') depth--;
    else if ((c === '|' && depth === 0) || c === undefined) {
      const alternative = body.slice(start, i);
      if (/^[A-Za-z][A-Za-z0-9_-]*$/.test(alternative)) words.push(alternative);
      start = i + 1;
    }
  }
  return words;
}

function message(err: ErrorObject, data: unknown, segments: PathSegment[]): string {
  const where = segments.length > 0 ? visible(segments.join('.')).slice(0, 120) : 'the file';
  const value = valueAt(data, segments);
  switch (err.keyword) {
    case 'additionalProperties': {
      const key = (err.params as { additionalProperty: string }).additionalProperty;
      const known = Object.keys((err.parentSchema as { properties?: object })?.properties ?? {});
      return `unknown key ${excerpt(key)} in ${where}${didYouMean(key, known)} (allowed: ${known.join(', ')})`;
    }
    case 'required':
      return `${where} is missing the required key "${(err.params as { missingProperty: string }).missingProperty}"`;
    case 'type': {
      const expected = [(err.params as { type: string | string[] }).type].flat().map((t) => TYPE_NAME[t] ?? t);
      return `${where} must be ${expected.join(' or ')}, got ${describe(value)}`;
    }
    case 'enum': {
      const allowed = (err.params as { allowedValues: unknown[] }).allowedValues;
      const strings = allowed.map((a) => String(a));
      return `${where}: ${excerpt(value)} is not allowed${didYouMean(String(value), strings)} (allowed: ${strings.join(', ')})`;
    }
    case 'pattern': {
      const desc = (err.parentSchema as { description?: string })?.description;
      const words = patternWords((err.params as { pattern: string }).pattern);
      const hint = typeof value === 'string' ? didYouMean(value, words).replace(/^; (.*)$/, ' ($1)') : '';
      return `${where}: ${excerpt(value)} is not valid${hint}${desc ? `. ${desc}` : ''}`;
    }
    case 'minimum':
    case 'maximum':
    case 'minLength':
    case 'maxLength':
    case 'minItems':
    case 'maxItems':
      return `${where}: ${excerpt(value)} ${err.message}`;
    default:
      return `${where}: ${err.message ?? 'is not valid'}`;
  }
}

/** Validates one file's data against the schema (the monitors one by default); every error is located on its YAML node. */
export function schemaDiagnostics(
  src: SourceFile,
  data: unknown,
  validate: ValidateFunction = validateMonitorsFile,
): Diagnostic[] {
  if (data === null || data === undefined) return [];
  if (validate(data)) return [];
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const err of validate.errors ?? []) {
    // A string that fails its pattern also fails "type" for the number branch; the pattern message is the useful one.
    if (
      err.keyword === 'type' &&
      (validate.errors ?? []).some((e) => e !== err && e.instancePath === err.instancePath && e.keyword !== 'type')
    )
      continue;
    const segments = segmentsOf(err.instancePath);
    const isKey = err.keyword === 'additionalProperties';
    const keyPath = isKey ? [...segments, (err.params as { additionalProperty: string }).additionalProperty] : segments;
    const location = isKey ? locateKey(src, keyPath) : locate(src, segments);
    const text = message(err, data, segments);
    const id = `${location.line}:${location.column}:${text}`;
    if (seen.has(id)) continue;
    seen.add(id);
    out.push({ severity: 'error', code: 'SCHEMA', message: text, location });
  }
  return out;
}
