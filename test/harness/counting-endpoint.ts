import { createServer } from 'http';
import type { AddressInfo } from 'net';

/** A loopback stand-in for AWS that refuses every request and counts them. */
export interface CountingEndpoint {
  /** Pass as the run's endpoint URL. */
  readonly url: string;
  /** Requests received so far: a run that stops before AWS leaves this unchanged. */
  requests(): number;
  close(): Promise<void>;
}

/** Starts the endpoint on a free loopback port: the proof, for bad-input tests, that nothing reached AWS. */
export async function startCountingEndpoint(): Promise<CountingEndpoint> {
  let requests = 0;
  const server = createServer((_req, res) => {
    requests += 1;
    res.writeHead(500).end();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests: () => requests,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
