/**
 * Requests checked against AWS's published API model (botocore's service-2.json, installed with the
 * emulator): every member known, required members present, strings, lists and numbers within their
 * length, range, pattern and enum. For fakes of APIs no emulator implements (alarm mute rules).
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
  readonly operations: Readonly<Record<string, { readonly input?: { readonly shape: string } }>>;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** The model of a service from the emulator's botocore, e.g. "cloudwatch". */
export function apiModel(service: string): Model {
  const lib = path.join(__dirname, '..', '..', '.venv-emulator', 'lib');
  const python = readdirSync(lib).find((d) => d.startsWith('python3'));
  const data = path.join(lib, python ?? 'python3', 'site-packages', 'botocore', 'data', service);
  const version = readdirSync(data).sort().at(-1) ?? '';
  return JSON.parse(gunzipSync(readFileSync(path.join(data, version, 'service-2.json.gz'))).toString('utf8')) as Model;
}

/** Every way `input` breaks the operation's input shape, as "Path: problem" lines; empty when valid. */
export function violations(model: Model, operation: string, input: unknown): string[] {
  const op = model.operations[operation];
  if (!op) return [`${operation}: not an operation of the model`];
  if (!op.input) return [];
  const out: string[] = [];
  check(model, op.input.shape, input, operation, out);
  return out;
}

function check(model: Model, shapeName: string, value: unknown, at: string, out: string[]): void {
  const shape = model.shapes[shapeName];
  if (!shape) return void out.push(`${at}: unknown shape ${shapeName}`);
  if (value === undefined) return;
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null) return void out.push(`${at}: not a structure`);
      const v = value as Record<string, unknown>;
      for (const r of shape.required ?? []) if (v[r] === undefined) out.push(`${at}.${r}: required`);
      for (const [k, x] of Object.entries(v)) {
        const m = shape.members?.[k];
        if (!m) out.push(`${at}.${k}: not a member of ${shapeName}`);
        else check(model, m.shape, x, `${at}.${k}`, out);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return void out.push(`${at}: not a list`);
      if (shape.min !== undefined && value.length < shape.min) out.push(`${at}: fewer than ${shape.min} items`);
      if (shape.max !== undefined && value.length > shape.max) out.push(`${at}: more than ${shape.max} items`);
      value.forEach((x, i) => check(model, shape.member?.shape ?? '', x, `${at}[${i}]`, out));
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return void out.push(`${at}: not a string`);
      if (shape.min !== undefined && value.length < shape.min) out.push(`${at}: shorter than ${shape.min}`);
      if (shape.max !== undefined && value.length > shape.max) out.push(`${at}: longer than ${shape.max}`);
      if (shape.pattern && !new RegExp(shape.pattern, 'u').test(value))
        out.push(`${at}: does not match ${shape.pattern}`);
      if (shape.enum && !shape.enum.includes(value)) out.push(`${at}: not one of ${shape.enum.join(', ')}`);
      return;
    }
    case 'integer':
    case 'long':
    case 'double': {
      if (typeof value !== 'number') return void out.push(`${at}: not a number`);
      if (shape.min !== undefined && value < shape.min) out.push(`${at}: below ${shape.min}`);
      if (shape.max !== undefined && value > shape.max) out.push(`${at}: above ${shape.max}`);
      return;
    }
    case 'timestamp':
      if (!(value instanceof Date)) out.push(`${at}: not a timestamp`);
      return;
    case 'boolean':
      if (typeof value !== 'boolean') out.push(`${at}: not a boolean`);
      return;
    default:
      return;
  }
}
