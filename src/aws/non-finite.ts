/**
 * CloudWatch keeps whatever number it was given; an alarm written by another tool (or by an older
 * version of this one) with a NaN or infinite threshold comes back as a bare `NaN` / `Infinity` in
 * the JSON response, which no JSON parser accepts: the whole read failed with "Unexpected token
 * 'N'" and every later plan with it. Outside strings, those tokens are rewritten to the quoted form
 * the SDK's own number parser understands, so the read succeeds and the reader sees a non-finite
 * number it can treat as "not set".
 */

/** The JSON text with bare NaN / Infinity / -Infinity outside strings quoted. */
export function quoteNonFiniteTokens(json: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i] as string;
    if (inString) {
      out += c;
      if (c === '\\') out += json[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = /^(?:-?Infinity|NaN)/.exec(json.slice(i, i + 9));
    if (token) {
      out += `"${token[0]}"`;
      i += token[0].length - 1;
      continue;
    }
    out += c;
  }
  return out;
}

interface RawResponse {
  response?: { headers?: Record<string, string>; body?: unknown };
}

async function bytesOf(body: unknown): Promise<Uint8Array | undefined> {
  if (body instanceof Uint8Array) return body;
  if (body && typeof (body as AsyncIterable<unknown>)[Symbol.asyncIterator] === 'function') {
    const chunks: Buffer[] = [];
    for await (const chunk of body as AsyncIterable<Uint8Array | string>) chunks.push(Buffer.from(chunk));
    return Buffer.concat(chunks);
  }
  return undefined;
}

interface Stackable {
  middlewareStack: { add: (mw: never, options: { step: 'deserialize'; priority: 'low'; name: string }) => void };
}

/** Installs the rewrite on a JSON-protocol client, between the HTTP response and the SDK's parser. */
export function tolerateNonFiniteNumbers(client: Stackable): void {
  const mw = (next: (args: unknown) => Promise<RawResponse>) => async (args: unknown) => {
    const result = await next(args);
    const res = result.response;
    const type = Object.entries(res?.headers ?? {}).find(([k]) => k.toLowerCase() === 'content-type')?.[1] ?? '';
    if (!res || !/json/i.test(type)) return result;
    const bytes = await bytesOf(res.body);
    if (!bytes) return result;
    const text = Buffer.from(bytes).toString('utf8');
    res.body = /NaN|Infinity/.test(text) ? Buffer.from(quoteNonFiniteTokens(text), 'utf8') : bytes;
    return result;
  };
  client.middlewareStack.add(mw as never, { step: 'deserialize', priority: 'low', name: 'monitorsNonFiniteNumbers' });
}
