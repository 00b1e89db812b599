import { createServer, request } from 'http';
import type { AddressInfo } from 'net';

/**
 * A loopback proxy in front of the emulator that mends one gap (test/README.md): ministack answers
 * ListDashboards over CloudWatch's JSON protocol with `LastModified` as an ISO date string, where AWS
 * sends epoch seconds, and the SDK refuses the whole answer. This rewrites that one field of that one
 * operation and passes everything else through untouched, so the dashboard tests still run the real
 * reader and handler against the emulator.
 */
export interface DashboardDatesProxy {
  readonly url: string;
  close(): Promise<void>;
}

export async function startDashboardDatesProxy(emulator: string): Promise<DashboardDatesProxy> {
  const target = new URL(emulator);
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const listing = String(req.headers['x-amz-target'] ?? '').endsWith('.ListDashboards');
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (up) => {
          if (!listing) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          const body: Buffer[] = [];
          up.on('data', (c: Buffer) => body.push(c));
          up.on('end', () => {
            const parsed = JSON.parse(Buffer.concat(body).toString('utf8')) as {
              DashboardEntries?: { LastModified?: unknown }[];
            };
            for (const e of parsed.DashboardEntries ?? [])
              if (typeof e.LastModified === 'string') e.LastModified = Date.parse(e.LastModified) / 1000;
            const text = JSON.stringify(parsed);
            res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': Buffer.byteLength(text) });
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(Buffer.concat(chunks));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
