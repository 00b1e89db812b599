/**
 * AWS's published API models (botocore's JSON service models, installed pinned into .venv-models by
 * scripts/install-api-models.sh), and a check of a request's input against its operation's model:
 * required members, unknown members, types, length, pattern, enum and range. Reusable: a test that
 * records requests checks them here, and a stateful fake for an API no emulator has can check what
 * it is sent (and what it answers, with checkShape on the output shape) the same way.
 */
import { existsSync, readdirSync, readFileSync } from 'fs';
import * as path from 'path';
import { gunzipSync } from 'zlib';

/** One shape of a botocore model, as much of it as the check reads. */
interface Shape {
  readonly type: string;
  readonly required?: readonly string[];
  readonly members?: Readonly<Record<string, { readonly shape: string; readonly locationName?: string }>>;
  readonly member?: { readonly shape: string; readonly locationName?: string };
  readonly key?: { readonly shape: string };
  readonly value?: { readonly shape: string };
  readonly flattened?: boolean;
  readonly min?: number;
  readonly max?: number;
  readonly pattern?: string;
  readonly enum?: readonly string[];
}

/** A service's model. */
export interface ApiModel {
  readonly service: string;
  readonly protocol: string;
  readonly operations: Readonly<
    Record<string, { readonly input?: { readonly shape: string }; readonly output?: { readonly shape: string } }>
  >;
  readonly shapes: Readonly<Record<string, Shape>>;
}

/** One broken rule: where in the input, and which rule. */
export interface Violation {
  readonly operation: string;
  readonly path: string;
  readonly rule: string;
}

const ROOT = path.join(__dirname, '..', '..', '.venv-models');

/** The botocore data directory, or undefined when scripts/install-api-models.sh has not run. */
export function modelsDir(): string | undefined {
  const lib = path.join(ROOT, 'lib');
  if (!existsSync(lib)) return undefined;
  for (const py of readdirSync(lib)) {
    const dir = path.join(lib, py, 'site-packages', 'botocore', 'data');
    if (existsSync(dir)) return dir;
  }
  return undefined;
}

const cache = new Map<string, ApiModel>();

/** The model of a service by botocore's name (cloudwatch, logs, sns, iam, sts, ssm, sqs, …). */
export function loadModel(service: string): ApiModel {
  const hit = cache.get(service);
  if (hit) return hit;
  const dir = modelsDir();
  if (!dir) throw new Error('AWS API models not installed: run bash scripts/install-api-models.sh');
  const versions = readdirSync(path.join(dir, service)).sort();
  const latest = path.join(dir, service, versions[versions.length - 1] as string);
  const gz = path.join(latest, 'service-2.json.gz');
  const text = existsSync(gz)
    ? gunzipSync(readFileSync(gz)).toString('utf8')
    : readFileSync(path.join(latest, 'service-2.json'), 'utf8');
  const raw = JSON.parse(text) as {
    metadata: { protocol: string };
    operations: ApiModel['operations'];
    shapes: ApiModel['shapes'];
  };
  const model: ApiModel = { service, protocol: raw.metadata.protocol, operations: raw.operations, shapes: raw.shapes };
  cache.set(service, model);
  return model;
}

const patterns = new Map<string, RegExp | undefined>();

/** A model pattern as a JS RegExp (Smithy patterns are not anchored); undefined when JS cannot read it. */
function regex(pattern: string): RegExp | undefined {
  if (!patterns.has(pattern)) {
    let re: RegExp | undefined;
    try {
      re = new RegExp(pattern, 'u');
    } catch {
      try {
        re = new RegExp(pattern);
      } catch {
        re = undefined;
      }
    }
    patterns.set(pattern, re);
  }
  return patterns.get(pattern);
}

/** Checks a value against a named shape; pushes each broken rule. */
export function checkShape(
  model: ApiModel,
  shapeName: string,
  value: unknown,
  at: string,
  out: Violation[],
  operation: string,
): void {
  const shape = model.shapes[shapeName];
  if (!shape) return;
  const fail = (rule: string): void => {
    out.push({ operation, path: at || '(input)', rule });
  };
  switch (shape.type) {
    case 'structure': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a structure');
      const obj = value as Record<string, unknown>;
      for (const name of shape.required ?? []) if (obj[name] === undefined) fail(`required member ${name} missing`);
      for (const [name, v] of Object.entries(obj)) {
        const member = shape.members?.[name];
        if (!member) {
          fail(`unknown member ${name}`);
          continue;
        }
        if (v !== undefined) checkShape(model, member.shape, v, `${at}.${name}`, out, operation);
      }
      return;
    }
    case 'list': {
      if (!Array.isArray(value)) return fail('expected a list');
      if (shape.min !== undefined && value.length < shape.min)
        fail(`at least ${shape.min} item(s), got ${value.length}`);
      if (shape.max !== undefined && value.length > shape.max)
        fail(`at most ${shape.max} item(s), got ${value.length}`);
      value.forEach((v, i) => checkShape(model, shape.member?.shape ?? '', v, `${at}[${i}]`, out, operation));
      return;
    }
    case 'map': {
      if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail('expected a map');
      const entries = Object.entries(value as Record<string, unknown>);
      if (shape.min !== undefined && entries.length < shape.min) fail(`at least ${shape.min} entries`);
      if (shape.max !== undefined && entries.length > shape.max)
        fail(`at most ${shape.max} entries, got ${entries.length}`);
      for (const [k, v] of entries) {
        checkShape(model, shape.key?.shape ?? '', k, `${at}{key ${JSON.stringify(k)}}`, out, operation);
        checkShape(model, shape.value?.shape ?? '', v, `${at}{${JSON.stringify(k)}}`, out, operation);
      }
      return;
    }
    case 'string': {
      if (typeof value !== 'string') return fail(`expected a string, got ${typeof value}`);
      const length = [...value].length;
      if (shape.min !== undefined && length < shape.min) fail(`length at least ${shape.min}, got ${length}`);
      if (shape.max !== undefined && length > shape.max) fail(`length at most ${shape.max}, got ${length}`);
      if (shape.enum && !shape.enum.includes(value))
        fail(`one of ${shape.enum.join(', ')}; got ${JSON.stringify(value)}`);
      const re = shape.pattern ? regex(shape.pattern) : undefined;
      if (re && !re.test(value)) fail(`pattern ${shape.pattern}; got ${JSON.stringify(value.slice(0, 80))}`);
      return;
    }
    case 'integer':
    case 'long':
    case 'double':
    case 'float': {
      const n = typeof value === 'string' ? Number(value) : value;
      if (typeof n !== 'number' || Number.isNaN(n)) return fail(`expected a number, got ${JSON.stringify(value)}`);
      if ((shape.type === 'integer' || shape.type === 'long') && !Number.isInteger(n))
        fail(`expected an integer, got ${n}`);
      if (shape.min !== undefined && n < shape.min) fail(`at least ${shape.min}, got ${n}`);
      if (shape.max !== undefined && n > shape.max) fail(`at most ${shape.max}, got ${n}`);
      return;
    }
    case 'boolean':
      if (typeof value !== 'boolean' && value !== 'true' && value !== 'false')
        fail(`expected a boolean, got ${JSON.stringify(value)}`);
      return;
    case 'timestamp':
      // A Date is the SDK's input form (a fake checks commands as sent); numbers and strings, the wire's.
      if (
        !(value instanceof Date) &&
        typeof value !== 'number' &&
        (typeof value !== 'string' || (Number.isNaN(Date.parse(value)) && Number.isNaN(Number(value))))
      )
        fail(`expected a timestamp, got ${JSON.stringify(value)}`);
      return;
    default:
      return;
  }
}

/**
 * A Query-protocol request's parameters (Tags.member.1.Key=…, Attributes.entry.1.key=…) as the input
 * structure the model describes, so the same check applies.
 */
export function fromQuery(
  model: ApiModel,
  shapeName: string,
  params: ReadonlyMap<string, string>,
  prefix = '',
): unknown {
  const shape = model.shapes[shapeName];
  if (!shape) return undefined;
  const under = (p: string) => [...params.keys()].some((k) => k === p || k.startsWith(`${p}.`));
  switch (shape.type) {
    case 'structure': {
      const out: Record<string, unknown> = {};
      for (const [name, member] of Object.entries(shape.members ?? {})) {
        const key = prefix ? `${prefix}.${member.locationName ?? name}` : (member.locationName ?? name);
        if (!under(key)) continue;
        out[name] = fromQuery(model, member.shape, params, key);
      }
      // Parameters the model has no member for are reported as unknown members.
      if (!prefix) {
        const known = new Set(Object.entries(shape.members ?? {}).map(([n, m]) => m.locationName ?? n));
        for (const k of params.keys()) {
          const top = k.split('.')[0] as string;
          if (top !== 'Action' && top !== 'Version' && !known.has(top)) out[top] = params.get(k);
        }
      }
      return out;
    }
    case 'list': {
      if (params.get(prefix) === '') return [];
      const base = shape.flattened ? prefix : `${prefix}.${shape.member?.locationName ?? 'member'}`;
      const items: unknown[] = [];
      for (let i = 1; under(`${base}.${i}`); i++)
        items.push(fromQuery(model, shape.member?.shape ?? '', params, `${base}.${i}`));
      return items;
    }
    case 'map': {
      const base = shape.flattened ? prefix : `${prefix}.entry`;
      const out: Record<string, unknown> = {};
      for (let i = 1; under(`${base}.${i}`); i++) {
        const k = params.get(`${base}.${i}.key`) ?? '';
        out[k] = fromQuery(model, shape.value?.shape ?? '', params, `${base}.${i}.value`);
      }
      return out;
    }
    default:
      return params.get(prefix);
  }
}

/** Checks one request's input against its operation in the model. */
export function checkRequest(model: ApiModel, operation: string, input: unknown): Violation[] {
  const op = model.operations[operation];
  const out: Violation[] = [];
  if (!op) return [{ operation, path: '', rule: `no operation ${operation} in ${model.service}'s model` }];
  if (op.input) checkShape(model, op.input.shape, input ?? {}, '', out, operation);
  return out;
}
