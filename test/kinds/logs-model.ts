/**
 * A small check of CloudWatch Logs requests and answers against AWS's published API model (botocore's
 * service-2.json, shipped with the emulator's Python packages): required members, types, lengths,
 * list sizes, patterns and enums. Local to the saved-query tests, which have no emulator to refuse a
 * bad request; it covers the shapes those calls use, not the whole model language.
 */
import { readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';

interface Shape {
  readonly type: string;
  readonly required?: readonly string[];
  readonly members?: Readonly<Record<string, { readonly shape: string }>>;
  readonly member?: { readonly shape: string };
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}
interface Model {
  readonly operations: Readonly<Record<string, { input?: { shape: string }; output?: { shape: string } }>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

let cached: Model | undefined;

/** botocore's model of CloudWatch Logs, from the emulator's virtual environment. */
export function logsModel(): Model {
  if (cached) return cached;
  const lib = path.join(__dirname, '..', '..', '.venv-emulator', 'lib');
  const python = readdirSync(lib).find((d) => d.startsWith('python3'));
  if (!python) throw new Error(`no python3.* under ${lib}`);
  const file = path.join(lib, python, 'site-packages', 'botocore', 'data', 'logs', '2014-03-28', 'service-2.json');
  const text = (() => {
    try {
      return readFileSync(file, 'utf8');
    } catch {
      return gunzipSync(readFileSync(`${file}.gz`)).toString('utf8');
    }
  })();
  cached = JSON.parse(text) as Model;
  return cached;
}

function check(model: Model, shapeName: string, value: unknown, at: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void out.push(`${at}: unknown shape ${shapeName}`);
  const size = (n: number, what: string) => {
    if (shape.min !== undefined && n < shape.min) out.push(`${at}: ${what} ${n} < min ${shape.min}`);
    if (shape.max !== undefined && n > shape.max) out.push(`${at}: ${what} ${n} > max ${shape.max}`);
  };
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value))
        return void out.push(`${at}: expected an object`);
      const v = value as Record<string, unknown>;
      for (const r of shape.required ?? []) if (v[r] === undefined) out.push(`${at}.${r}: required`);
      for (const [k, member] of Object.entries(v)) {
        const m = shape.members?.[k];
        if (!m) out.push(`${at}.${k}: not a member of ${shapeName}`);
        else if (member !== undefined && member !== null) check(model, m.shape, member, `${at}.${k}`, out);
      }
      return;
    }
    case 'list':
      if (!Array.isArray(value)) return void out.push(`${at}: expected a list`);
      size(value.length, 'length');
      value.forEach((item, i) => check(model, shape.member?.shape ?? '', item, `${at}[${i}]`, out));
      return;
    case 'string':
      if (typeof value !== 'string') return void out.push(`${at}: expected a string`);
      size(value.length, 'length');
      if (shape.pattern !== undefined && !new RegExp(`^(?:${shape.pattern})$`).test(value))
        out.push(`${at}: ${JSON.stringify(value)} does not match ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value))
        out.push(`${at}: ${JSON.stringify(value)} not in ${shape.enum.join('|')}`);
      return;
    case 'integer':
    case 'long':
      if (!Number.isInteger(value)) return void out.push(`${at}: expected an integer`);
      size(value as number, 'value');
      return;
    case 'timestamp':
    case 'double':
      if (typeof value !== 'number') out.push(`${at}: expected a number`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: expected a boolean`);
      return;
    default:
      return;
  }
}

/** Where a request (`input`) or an answer (`output`) of the operation breaks the model; empty when it fits. */
export function modelViolations(operation: string, direction: 'input' | 'output', value: unknown): string[] {
  const model = logsModel();
  const op = model.operations[operation];
  if (!op) return [`${operation}: not an operation of CloudWatch Logs`];
  const shape = op[direction]?.shape;
  if (!shape) return [];
  const out: string[] = [];
  check(model, shape, value, `${operation}.${direction}`, out);
  return out;
}
