import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import { forward } from '../harness/forward';
import type { AddressInfo } from 'net';

/** What to inject; rates are probabilities per request, drawn from a seeded generator so runs repeat. */
export interface FaultOptions {
  /** The emulator's endpoint, e.g. http://127.0.0.1:4566. */
  readonly target: string;
  readonly throttleRate?: number;
  readonly errorRate?: number;
  readonly dropRate?: number;
  /** The request reaches the emulator and takes effect, then the answer is lost: the retry meets its own result. */
  readonly lostResponseRate?: number;
  readonly latencyMs?: number;
  readonly seed?: number;
  /** Requests per second per "Service.Operation"; above it the proxy answers throttling, as AWS does. */
  readonly quotas?: Readonly<Record<string, number>>;
  /** These operations always fail with this AWS error code and HTTP 403, as a missing IAM permission does. */
  readonly denyOperations?: Readonly<Record<string, string>>;
  /** Only these operations get random faults (all when absent); quotas apply regardless. */
  readonly faultOperations?: readonly string[];
  /** These operations are answered with an HTML 500 page, as a web server in front of nothing does. */
  readonly htmlOperations?: readonly string[];
  /** These operations are answered 200 with this body (JSON protocol), whatever was asked. */
  readonly fixedAnswers?: Readonly<Record<string, string>>;
  /** These listings always answer no items and the same next-page token. */
  readonly repeatTokenOperations?: readonly string[];
  /** These operations are always throttled, however often they are retried. */
  readonly throttleOperations?: readonly string[];
  /** Every timestamp in every answer is rewritten to this form (see rewriteTimestamps). */
  readonly timestamps?: TimestampForm;
}

/** The forms of one instant AWS-like endpoints send: epoch seconds, epoch millis, a numeric string, ISO-8601. */
export type TimestampForm = 'seconds' | 'millis' | 'numeric-string' | 'iso';

/** Counts of what the proxy saw and did, by "Service.Operation". */
export interface FaultStats {
  readonly forwarded: Record<string, number>;
  readonly throttled: Record<string, number>;
  readonly errors: Record<string, number>;
  readonly dropped: Record<string, number>;
  readonly lostResponses: Record<string, number>;
}

/** A running proxy. */
export interface FaultProxy {
  readonly endpoint: string;
  stats(): FaultStats;
  stop(): Promise<void>;
}

type Protocol = 'json' | 'query';

/** mulberry32: tiny, seedable, good enough to pick faults. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Which service and operation a request is, from the JSON target header or the Query form's Action. */
export function identify(
  headers: IncomingMessage['headers'],
  body: string,
  request?: { readonly method?: string; readonly url?: string },
): { service: string; operation: string; protocol: Protocol } {
  const lambda = request ? lambdaOperation(request.method ?? 'GET', request.url ?? '/') : undefined;
  if (lambda) return { service: 'Lambda', operation: lambda, protocol: 'json' };
  const target = headers['x-amz-target'];
  if (typeof target === 'string') {
    const [prefix, operation = 'Unknown'] = target.split('.');
    const service = prefix?.startsWith('Logs_')
      ? 'CloudWatchLogs'
      : prefix?.startsWith('GraniteService')
        ? 'CloudWatch'
        : prefix === 'AmazonSSM'
          ? 'SSM'
          : prefix?.startsWith('ResourceGroupsTaggingAPI')
            ? 'Tagging'
            : (prefix ?? 'Unknown');
    return { service, operation, protocol: 'json' };
  }
  const action = new URLSearchParams(body).get('Action') ?? 'Unknown';
  const version = new URLSearchParams(body).get('Version');
  const service =
    version === '2010-03-31'
      ? 'SNS'
      : version === '2010-08-01'
        ? 'CloudWatch'
        : version === '2011-06-15'
          ? 'STS'
          : version === '2010-05-08'
            ? 'IAM'
            : 'Unknown';
  return { service, operation: action, protocol: 'query' };
}

/**
 * Lambda speaks REST (the operation is in the method and path), unlike the other services here: the
 * reads the chat forwarder's readers make, named as the SDK names them; other calls by method and path.
 */
function lambdaOperation(method: string, url: string): string | undefined {
  const path = url.split('?')[0] ?? '';
  if (!/^\/20\d\d-\d\d-\d\d\/(functions|tags)/.test(path)) return undefined;
  if (method === 'GET' && /^\/2015-03-31\/functions\/?$/.test(path)) return 'ListFunctions';
  if (method === 'GET' && /\/tags\//.test(path)) return 'ListTags';
  if (method === 'GET' && /\/policy\/?$/.test(path)) return 'GetPolicy';
  if (method === 'GET' && /\/event-invoke-config\/?$/.test(path)) return 'GetFunctionEventInvokeConfig';
  if (method === 'GET' && /^\/2015-03-31\/functions\/[^/]+\/?$/.test(path)) return 'GetFunction';
  return `${method} ${path}`;
}

/** The error body AWS sends for this protocol and code. */
function errorResponse(
  res: ServerResponse,
  protocol: Protocol,
  service: string,
  status: number,
  code: string,
  message: string,
): void {
  if (protocol === 'query') {
    res.writeHead(status, { 'content-type': 'text/xml' });
    res.end(
      `<ErrorResponse><Error><Type>${status >= 500 ? 'Receiver' : 'Sender'}</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>fault-proxy</RequestId></ErrorResponse>`,
    );
    return;
  }
  const headers: Record<string, string> = { 'content-type': 'application/x-amz-json-1.0', 'x-amzn-errortype': code };
  // CloudWatch's JSON protocol is "query compatible": the SDK takes the classic code from this header.
  if (service === 'CloudWatch') headers['x-amzn-query-error'] = `${code};${status >= 500 ? 'Receiver' : 'Sender'}`;
  res.writeHead(status, headers);
  res.end(JSON.stringify({ __type: code, message }));
}

const THROTTLE_CODE: Readonly<Record<string, string>> = {
  CloudWatch: 'Throttling',
  Tagging: 'ThrottlingException',
  CloudWatchLogs: 'ThrottlingException',
  SNS: 'Throttling',
};

/** Starts the proxy on a free loopback port. */
export async function startFaultProxy(options: FaultOptions): Promise<FaultProxy> {
  const random = prng(options.seed ?? 1);
  const target = new URL(options.target);
  const stats: FaultStats = { forwarded: {}, throttled: {}, errors: {}, dropped: {}, lostResponses: {} };
  const bump = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  // AWS's quota is a token bucket per operation, full at start, refilling at the quota's rate.
  const buckets = new Map<string, { tokens: number; at: number }>();
  const overQuota = (op: string): boolean => {
    const rate = options.quotas?.[op];
    if (!rate) return false;
    const now = Date.now();
    const b = buckets.get(op) ?? { tokens: rate, at: now };
    b.tokens = Math.min(rate, b.tokens + ((now - b.at) / 1000) * rate);
    b.at = now;
    buckets.set(op, b);
    if (b.tokens < 1) return true;
    b.tokens -= 1;
    return false;
  };

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const body = Buffer.concat(chunks);
      const { service, operation, protocol } = identify(req.headers, body.toString('utf8'), {
        method: req.method,
        url: req.url,
      });
      const op = `${service}.${operation}`;
      if (options.latencyMs) await new Promise((r) => setTimeout(r, options.latencyMs));
      const denied = options.denyOperations?.[op];
      if (denied) {
        bump(stats.errors, op);
        return errorResponse(res, protocol, service, 403, denied, `User is not authorized to perform ${op}`);
      }
      if (options.htmlOperations?.includes(op)) {
        bump(stats.errors, op);
        res.writeHead(500, { 'content-type': 'text/html; charset=utf-8' });
        return res.end('<!doctype html><html><body><h1>500 Internal Server Error</h1></body></html>');
      }
      const fixed = options.fixedAnswers?.[op];
      if (fixed !== undefined) {
        bump(stats.forwarded, op);
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.0' });
        return res.end(fixed);
      }
      if (options.repeatTokenOperations?.includes(op)) {
        bump(stats.forwarded, op);
        if (protocol === 'json') {
          res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
          return res.end(JSON.stringify({ NextToken: 'same-token', nextToken: 'same-token' }));
        }
        res.writeHead(200, { 'content-type': 'text/xml' });
        return res.end(
          `<${operation}Response><${operation}Result><NextToken>same-token</NextToken></${operation}Result></${operation}Response>`,
        );
      }
      const faulty = !options.faultOperations || options.faultOperations.includes(op);
      const roll = faulty ? random() : 1;
      if (options.throttleOperations?.includes(op) || overQuota(op) || roll < (options.throttleRate ?? 0)) {
        bump(stats.throttled, op);
        return errorResponse(res, protocol, service, 400, THROTTLE_CODE[service] ?? 'Throttling', 'Rate exceeded');
      }
      if (roll < (options.throttleRate ?? 0) + (options.errorRate ?? 0)) {
        bump(stats.errors, op);
        return errorResponse(res, protocol, service, 500, 'InternalFailure', 'injected server error');
      }
      if (roll < (options.throttleRate ?? 0) + (options.errorRate ?? 0) + (options.dropRate ?? 0)) {
        bump(stats.dropped, op);
        req.socket.destroy();
        return;
      }
      const loseResponse =
        roll <
        (options.throttleRate ?? 0) +
          (options.errorRate ?? 0) +
          (options.dropRate ?? 0) +
          (options.lostResponseRate ?? 0);
      bump(stats.forwarded, op);
      if (loseResponse) bump(stats.lostResponses, op);
      const form = options.timestamps;
      forward(target, req, res, body, loseResponse, form ? (text) => rewriteTimestamps(text, form) : undefined);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    stats: () => structuredClone(stats),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Member names that hold instants in the answers of CloudWatch, Logs, SNS, SSM, IAM, Lambda and STS:
 * what the rewrite touches. Any other field is left alone, so a name or a tag that looks like a date
 * stays as it was.
 */
const TIMESTAMP_KEY =
  /^(LastModified|LastModifiedDate|[A-Za-z]*Timestamp|Timestamps|creationTime|lastIngestionTime|lastEventTimestamp|firstEventTimestamp|ingestionTime|timestamp|CreateDate|Expiration|StartTime|EndTime)$/;

function formOf(ms: number, form: TimestampForm): unknown {
  switch (form) {
    case 'seconds':
      return ms / 1000;
    case 'millis':
      return ms;
    case 'numeric-string':
      return String(ms / 1000);
    case 'iso':
      return new Date(ms).toISOString();
  }
}

/** An instant in any of the forms, as epoch millis (numbers above 1e11 are millis). */
function instant(value: unknown): number | undefined {
  if (typeof value === 'number') return value > 1e11 ? value : value * 1000;
  if (typeof value === 'string' && /^\d+(\.\d+)?$/.test(value)) return instant(Number(value));
  if (typeof value === 'string' && /^\d{4}-\d\d-\d\dT/.test(value)) return Date.parse(value);
  return undefined;
}

/** The answer with every timestamp member in the given form: JSON values, or XML elements' text. */
export function rewriteTimestamps(text: string, form: TimestampForm): string {
  if (/^\s*[{[]/.test(text)) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      return text;
    }
    const visit = (v: unknown, key?: string): unknown => {
      if (Array.isArray(v)) return v.map((x) => visit(x, key));
      if (v && typeof v === 'object') {
        return Object.fromEntries(Object.entries(v as Record<string, unknown>).map(([k, x]) => [k, visit(x, k)]));
      }
      if (key && TIMESTAMP_KEY.test(key)) {
        const ms = instant(v);
        if (ms !== undefined) return formOf(ms, form);
      }
      return v;
    };
    return JSON.stringify(visit(parsed));
  }
  return text.replace(/<([A-Za-z]+)>([^<]{1,40})<\/\1>/g, (whole, name: string, value: string) => {
    if (!TIMESTAMP_KEY.test(name)) return whole;
    const ms = instant(value.trim());
    return ms === undefined ? whole : `<${name}>${String(formOf(ms, form))}</${name}>`;
  });
}
