/**
 * Checks a request against AWS's own API model (botocore's service-2.json, from the emulator's
 * virtualenv): every member known, required members present, list and string lengths and enums
 * respected. A mock answers whatever it is asked; this is what keeps the asked shape honest.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';

interface Shape {
  type: string;
  members?: Record<string, { shape: string }>;
  required?: string[];
  member?: { shape: string };
  min?: number;
  max?: number;
  enum?: string[];
}
interface Model {
  operations: Record<string, { input?: { shape: string } }>;
  shapes: Record<string, Shape>;
}

const DATA = (() => {
  const lib = path.join(__dirname, '..', '..', '.venv-emulator', 'lib');
  if (!existsSync(lib)) return undefined;
  const py = readdirSync(lib).find((d) => d.startsWith('python'));
  return py ? path.join(lib, py, 'site-packages', 'botocore', 'data') : undefined;
})();

/** The newest model of a service, or undefined when botocore is not installed. */
export function loadModel(service: string): Model | undefined {
  if (!DATA) return undefined;
  const dir = path.join(DATA, service);
  if (!existsSync(dir)) return undefined;
  const version = readdirSync(dir).sort().at(-1) as string;
  const file = path.join(dir, version, 'service-2.json.gz');
  const raw = existsSync(file) ? gunzipSync(readFileSync(file)) : readFileSync(file.replace(/\.gz$/, ''));
  return JSON.parse(raw.toString('utf8')) as Model;
}

/** What is wrong with `input` as a request of `operation` ([] when nothing). */
export function modelProblems(model: Model, operation: string, input: unknown): string[] {
  const op = model.operations[operation];
  if (!op) return [`no operation ${operation}`];
  const problems: string[] = [];
  const check = (shapeName: string, value: unknown, at: string) => {
    const shape = model.shapes[shapeName] as Shape;
    if (value === undefined) return;
    switch (shape.type) {
      case 'structure': {
        const obj = value as Record<string, unknown>;
        for (const r of shape.required ?? []) if (obj[r] === undefined) problems.push(`${at}.${r} is required`);
        for (const [k, v] of Object.entries(obj)) {
          const m = shape.members?.[k];
          if (!m) problems.push(`${at}.${k} is not a member`);
          else check(m.shape, v, `${at}.${k}`);
        }
        return;
      }
      case 'list': {
        const list = value as unknown[];
        if (shape.min !== undefined && list.length < shape.min) problems.push(`${at} has fewer than ${shape.min}`);
        if (shape.max !== undefined && list.length > shape.max) problems.push(`${at} has more than ${shape.max}`);
        list.forEach((v, i) => check(shape.member?.shape as string, v, `${at}[${i}]`));
        return;
      }
      case 'string': {
        const s = value as string;
        if (shape.min !== undefined && s.length < shape.min) problems.push(`${at} is shorter than ${shape.min}`);
        if (shape.max !== undefined && s.length > shape.max) problems.push(`${at} is longer than ${shape.max}`);
        if (shape.enum && !shape.enum.includes(s)) problems.push(`${at} is not one of ${shape.enum.join(', ')}`);
        return;
      }
      case 'integer': {
        const n = value as number;
        if (shape.min !== undefined && n < shape.min) problems.push(`${at} is below ${shape.min}`);
        if (shape.max !== undefined && n > shape.max) problems.push(`${at} is above ${shape.max}`);
        return;
      }
      default:
        return;
    }
  };
  if (op.input) check(op.input.shape, input, operation);
  return problems;
}
