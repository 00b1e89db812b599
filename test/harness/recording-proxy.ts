import { createServer } from 'http';
import type { AddressInfo } from 'net';
import { identify } from '../fault/fault-proxy';
import { forward } from './forward';

/** One request as the proxy saw it. */
export interface RecordedRequest {
  /** "Service.Operation". */
  readonly operation: string;
  /** The request body, URL-decoded for the Query protocol so names read as sent. */
  readonly body: string;
  /** The body exactly as sent, and how: JSON (a target header), Query (a form), or REST (Lambda). */
  readonly raw: string;
  readonly protocol: 'json' | 'query';
  readonly method: string;
  readonly url: string;
}

/** A loopback proxy in front of the emulator that records every request: what a run read, and about what. */
export interface RecordingProxy {
  readonly endpoint: string;
  requests(): readonly RecordedRequest[];
  stop(): Promise<void>;
}

export async function startRecordingProxy(target: string): Promise<RecordingProxy> {
  const url = new URL(target);
  const seen: RecordedRequest[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const text = body.toString('utf8');
      const { service, operation, protocol } = identify(req.headers, text, req);
      const shown = protocol === 'query' ? [...new URLSearchParams(text).values()].join('\n') : text;
      seen.push({
        operation: `${service}.${operation}`,
        body: shown,
        raw: text,
        protocol,
        method: req.method ?? 'GET',
        url: req.url ?? '/',
      });
      forward(url, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => [...seen],
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
