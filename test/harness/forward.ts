import { request, type IncomingMessage, type ServerResponse } from 'http';

/**
 * Sends a request a loopback proxy received on to the emulator and pipes the answer back; with
 * `loseAnswer`, the request takes effect but the client's connection is cut before any answer.
 */
export function forward(
  target: URL,
  req: IncomingMessage,
  res: ServerResponse,
  body: Buffer,
  loseAnswer = false,
  rewrite?: (text: string) => string,
): void {
  const upstream = request(
    {
      hostname: target.hostname,
      port: target.port,
      path: req.url,
      method: req.method,
      headers: { ...req.headers, host: target.host },
    },
    (up) => {
      if (loseAnswer) {
        up.resume();
        up.on('end', () => req.socket.destroy());
        return;
      }
      if (!rewrite) {
        res.writeHead(up.statusCode ?? 502, up.headers);
        up.pipe(res);
        return;
      }
      const chunks: Buffer[] = [];
      up.on('data', (c: Buffer) => chunks.push(c));
      up.on('end', () => {
        const text = Buffer.from(rewrite(Buffer.concat(chunks).toString('utf8')), 'utf8');
        const headers = { ...up.headers, 'content-length': String(text.length) };
        delete headers['transfer-encoding'];
        res.writeHead(up.statusCode ?? 502, headers);
        res.end(text);
      });
    },
  );
  upstream.on('error', () => res.destroy());
  upstream.end(body);
}
