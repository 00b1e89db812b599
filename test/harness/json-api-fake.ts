import { createServer, type IncomingMessage, type ServerResponse } from 'http';
import type { AddressInfo } from 'net';
import { forward } from './forward';

/** One request the fake may answer: its operation (X-Amz-Target after the service's prefix) and input. */
export interface FakeRequest {
  readonly operation: string;
  input(): Record<string, unknown>;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

/**
 * A loopback server in front of the emulator for an AWS JSON-protocol API that no emulator has (the
 * stateful fakes of test/kinds/*-fake.ts): `answer` returns true for a request it answered itself,
 * and every other request goes on to the emulator unchanged.
 */
export async function serveJsonFake(
  target: URL,
  targetPrefix: string,
  answer: (request: FakeRequest) => boolean,
): Promise<{ readonly url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const amzTarget = String(req.headers['x-amz-target'] ?? '');
      const operation = amzTarget.startsWith(targetPrefix) ? amzTarget.slice(targetPrefix.length) : '';
      const input = () => JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      if (!answer({ operation, input, req, res })) forward(target, req, res, body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
