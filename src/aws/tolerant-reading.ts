/**
 * AWS sends timestamps in the form each protocol's model says (epoch seconds in JSON, ISO-8601 in
 * XML), but endpoints that speak the same API do not always: an emulator answered ListDashboards'
 * LastModified as an ISO string in a JSON answer, and the SDK's parser failed the whole read with
 * "Expected real number, got implicit NaN". Here, between the HTTP answer and the SDK's parser, every
 * timestamp member of the operation's output (found through the SDK's own schema of the operation)
 * is rewritten to the form the parser expects, whichever of epoch seconds, epoch milliseconds, a
 * numeric string or ISO-8601 it came as. Nothing else in the answer is touched.
 */
import { NormalizedSchema } from '@smithy/core/schema';
import { getSmithyContext } from '@smithy/core/transport';
import { quoteNonFiniteTokens } from './non-finite';

/** Epoch values above this are milliseconds (as seconds, it would be the year 5138). */
const MILLIS_FROM = 1e11;

/** A timestamp in any of the accepted forms, as epoch milliseconds; undefined when it is none of them. */
export function timestampMillis(value: unknown): number | undefined {
  if (typeof value === 'number')
    return Number.isFinite(value) ? (value >= MILLIS_FROM ? value : value * 1000) : undefined;
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  const text = value.trim();
  if (/^-?\d+(\.\d+)?([eE][+-]?\d+)?$/.test(text)) return timestampMillis(Number(text));
  const parsed = Date.parse(text);
  return Number.isNaN(parsed) ? undefined : parsed;
}

type Schema = NormalizedSchema;

/** 5 is the date-time format (ISO-8601 strings); 4 (the protocol's default) and 7 are epoch seconds in JSON. */
function wantsIsoInJson(ns: Schema): boolean {
  return ns.getSchema() === 5;
}

/** The member's name in the JSON document: its jsonName trait (REST-JSON), else its own name. */
function jsonName(name: string, member: Schema): string {
  const traits = member.getMergedTraits() as { jsonName?: string };
  return traits.jsonName ?? name;
}

/**
 * Rewrites, in place, every timestamp member of a parsed JSON answer to the form the SDK's JSON
 * parser reads (epoch seconds, or ISO for date-time members); numeric members that hold a numeric
 * string become numbers. Returns whether anything changed.
 */
export function normalizeJsonTimestamps(value: unknown, ns: Schema, depth = 0): boolean {
  if (depth > 40 || value === null || typeof value !== 'object') return false;
  let changed = false;
  if (ns.isStructSchema() && !Array.isArray(value)) {
    const obj = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const key = jsonName(name, member);
      if (!(key in obj)) continue;
      const fixed = fixScalar(obj[key], member);
      if (fixed !== undefined) {
        obj[key] = fixed.value;
        changed = true;
      } else if (normalizeJsonTimestamps(obj[key], member, depth + 1)) changed = true;
    }
  } else if (ns.isListSchema() && Array.isArray(value)) {
    const item = ns.getValueSchema();
    value.forEach((v, i) => {
      const fixed = fixScalar(v, item);
      if (fixed !== undefined) {
        value[i] = fixed.value;
        changed = true;
      } else if (normalizeJsonTimestamps(v, item, depth + 1)) changed = true;
    });
  } else if (ns.isMapSchema() && !Array.isArray(value)) {
    const item = ns.getValueSchema();
    const obj = value as Record<string, unknown>;
    for (const key of Object.keys(obj)) {
      const fixed = fixScalar(obj[key], item);
      if (fixed !== undefined) {
        obj[key] = fixed.value;
        changed = true;
      } else if (normalizeJsonTimestamps(obj[key], item, depth + 1)) changed = true;
    }
  }
  return changed;
}

/** The value the parser reads for this member, when it differs from what came; undefined to keep it. */
function fixScalar(value: unknown, ns: Schema): { value: unknown } | undefined {
  if (ns.isTimestampSchema()) {
    const ms = timestampMillis(value);
    if (ms === undefined) return undefined;
    const want = wantsIsoInJson(ns) ? new Date(ms).toISOString() : ms / 1000;
    return want === value ? undefined : { value: want };
  }
  // Logs' times are plain longs of epoch milliseconds: a numeric string or an ISO date reads as that.
  if (ns.isNumericSchema() && typeof value === 'string') {
    const n = Number(value);
    if (value.trim() !== '' && Number.isFinite(n)) return { value: n };
    const ms = Date.parse(value);
    return Number.isNaN(ms) ? undefined : { value: ms };
  }
  return undefined;
}

/**
 * For an answer the SDK's parser refused: the first member whose value does not fit the operation's
 * model (a word where a number belongs, a date nobody can read), as `field Path = "value"`.
 */
export function firstMismatch(text: string, context: object): string | undefined {
  const schema = outputSchema(context);
  if (!schema) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(/NaN|Infinity/.test(text) ? quoteNonFiniteTokens(text) : text);
  } catch {
    return undefined;
  }
  return mismatchIn(parsed, schema, '', 0);
}

function mismatchIn(value: unknown, ns: Schema, at: string, depth: number): string | undefined {
  if (depth > 40 || value === null || value === undefined) return undefined;
  const show = (v: unknown) => `field ${at.replace(/^\./, '')} = ${JSON.stringify(v).slice(0, 80)}`;
  if (ns.isStructSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return show(value);
    const obj = value as Record<string, unknown>;
    for (const [name, member] of ns.structIterator()) {
      const found = mismatchIn(obj[jsonName(name, member)], member, `${at}.${name}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ns.isListSchema()) {
    if (!Array.isArray(value)) return show(value);
    for (const [i, v] of value.entries()) {
      const found = mismatchIn(v, ns.getValueSchema(), `${at}[${i}]`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ns.isMapSchema()) {
    if (typeof value !== 'object' || Array.isArray(value)) return show(value);
    for (const [k, v] of Object.entries(value as Record<string, unknown>)) {
      const found = mismatchIn(v, ns.getValueSchema(), `${at}.${k}`, depth + 1);
      if (found) return found;
    }
    return undefined;
  }
  if (ns.isTimestampSchema()) return timestampMillis(value) === undefined ? show(value) : undefined;
  if (ns.isNumericSchema()) {
    const ok =
      typeof value === 'number' ||
      (typeof value === 'string' && /^(-?\d+(\.\d+)?([eE][+-]?\d+)?|NaN|-?Infinity)$/.test(value));
    return ok ? undefined : show(value);
  }
  if (ns.isBooleanSchema()) return typeof value === 'boolean' ? undefined : show(value);
  if (ns.isStringSchema()) return typeof value === 'string' ? undefined : show(value);
  return undefined;
}

/** The XML element names of the output's timestamp members, at any depth. */
export function xmlTimestampNames(
  ns: Schema,
  names = new Set<string>(),
  depth = 0,
  seen = new Set<unknown>(),
): Set<string> {
  if (depth > 20 || seen.has(ns.getSchema())) return names;
  if (ns.isStructSchema()) {
    seen.add(ns.getSchema());
    for (const [name, member] of ns.structIterator()) {
      const traits = member.getMergedTraits() as { xmlName?: string };
      if (member.isTimestampSchema()) names.add(traits.xmlName ?? name);
      else xmlTimestampNames(member, names, depth + 1, seen);
    }
  } else if (ns.isListSchema() || ns.isMapSchema()) {
    xmlTimestampNames(ns.getValueSchema(), names, depth + 1, seen);
  }
  return names;
}

/** The XML answer with epoch values of timestamp elements written as ISO-8601, the form XML parsers read. */
export function normalizeXmlTimestamps(xml: string, names: ReadonlySet<string>): string {
  if (names.size === 0) return xml;
  const alternatives = [...names].map((n) => n.replace(/[^A-Za-z0-9_]/g, '')).join('|');
  return xml.replace(new RegExp(`<(${alternatives})>\\s*(-?\\d+(?:\\.\\d+)?)\\s*</\\1>`, 'g'), (whole, name, num) => {
    const ms = timestampMillis(num as string);
    return ms === undefined ? whole : `<${name as string}>${new Date(ms).toISOString()}</${name as string}>`;
  });
}

interface RawResponse {
  response?: { headers?: Record<string, string>; body?: unknown };
}

/** Where the body of the attempt in flight is kept: the deadline (clients.ts) ends it, an error quotes it. */
export interface BodyContext {
  monitorsBody?: { destroy?: () => void };
  monitorsBodyText?: string;
}

async function bytesOf(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (typeof body === 'string') return Buffer.from(body, 'utf8');
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return undefined;
}

function outputSchema(context: object): Schema | undefined {
  const op = (getSmithyContext(context as never) as { operationSchema?: readonly unknown[] }).operationSchema;
  const output = op?.[5];
  if (output === undefined) return undefined;
  try {
    return NormalizedSchema.of(output as never);
  } catch {
    return undefined;
  }
}

interface Stackable {
  middlewareStack: { add: (mw: never, options: { step: 'deserialize'; priority: 'low'; name: string }) => void };
}

/**
 * Installs the rewrite on a client, between the HTTP response and the SDK's parser. It reads the body
 * once (the SDK reads it from the buffer it leaves), keeps its text for error messages, and rewrites
 * only answers whose timestamps need it.
 */
export function tolerateTimestamps(client: Stackable): void {
  const mw =
    (next: (args: unknown) => Promise<RawResponse>, context: BodyContext & object) => async (args: unknown) => {
      const result = await next(args);
      const res = result.response;
      if (!res?.body || typeof res.body === 'string') return result;
      context.monitorsBody = res.body as BodyContext['monitorsBody'];
      const bytes = await bytesOf(res.body);
      if (!bytes) return result;
      res.body = bytes;
      const text = Buffer.from(bytes).toString('utf8');
      // Kept for the error message of an answer the parser refuses (clients.ts): bounded, as answers are.
      context.monitorsBodyText = text.slice(0, 1_000_000);
      const type = Object.entries(res.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
      const schema = outputSchema(context);
      if (!schema || text.trim() === '') return result;
      if (/json/i.test(type) || /^\s*\{/.test(text)) {
        let parsed: unknown;
        try {
          parsed = JSON.parse(/NaN|Infinity/.test(text) ? quoteNonFiniteTokens(text) : text);
        } catch {
          return result; // not JSON after all: the SDK's parser reports it (clients.ts names the call)
        }
        if (normalizeJsonTimestamps(parsed, schema)) res.body = Buffer.from(JSON.stringify(parsed), 'utf8');
      } else if (/xml/i.test(type) || /^\s*</.test(text)) {
        const fixed = normalizeXmlTimestamps(text, xmlTimestampNames(schema));
        if (fixed !== text) res.body = Buffer.from(fixed, 'utf8');
      }
      return result;
    };
  client.middlewareStack.add(mw as never, { step: 'deserialize', priority: 'low', name: 'monitorsTolerantTimestamps' });
}
