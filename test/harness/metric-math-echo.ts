import { createServer, request, type IncomingHttpHeaders } from 'http';
import type { AddressInfo } from 'net';

/**
 * A loopback proxy in front of the emulator that mends two gaps (test/README.md, "Metric-math alarms
 * lose Metrics[]" and "Composite ActionsSuppressor is accepted and not returned"): ministack stores a
 * PutMetricAlarm's `Metrics` nowhere and answers DescribeAlarms with a defaulted single-metric shape
 * instead, and it stores a PutCompositeAlarm's ActionsSuppressor and its two periods nowhere. This
 * remembers what each put sent (per access key, region and alarm) and answers it back in DescribeAlarms
 * in AWS's shape (for math, no MetricName, Namespace, Statistic or Period beside `Metrics`; the
 * suppressor as it was given, as AWS's alarm events show it); every other byte passes through. The jest
 * global setup puts it in front of the emulator for freshAccount(); freshAccount(region, { raw: true })
 * reaches the emulator itself, for tests that show the gaps.
 */
export interface MetricMathEchoProxy {
  readonly url: string;
  close(): Promise<void>;
}

type Json = Record<string, unknown>;

/** The access key and region of a SigV4-signed request: ministack keeps one account per access key. */
function scopeOf(headers: IncomingHttpHeaders): string {
  const m = /Credential=([^/]+)\/\d+\/([^/]+)\//.exec(String(headers.authorization ?? ''));
  return m ? `${m[1]}|${m[2]}` : '';
}

/** The body as JSON, or undefined when it is not JSON. */
function parseJson(body: Buffer): Json | undefined {
  try {
    return JSON.parse(body.toString('utf8') || '{}') as Json;
  } catch {
    return undefined;
  }
}

export async function startMetricMathEcho(emulator: string): Promise<MetricMathEchoProxy> {
  const target = new URL(emulator);
  const sent = new Map<string, unknown>();
  const suppressors = new Map<string, Json>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const op = /\.(PutMetricAlarm|PutCompositeAlarm|DescribeAlarms|DeleteAlarms)$/.exec(
        String(req.headers['x-amz-target'] ?? ''),
      )?.[1];
      const scope = scopeOf(req.headers);
      const body = Buffer.concat(chunks);
      if (op === 'PutMetricAlarm' || op === 'PutCompositeAlarm' || op === 'DeleteAlarms') {
        const input = parseJson(body) ?? {};
        const key = `${scope}|${String(input.AlarmName)}`;
        if (op === 'PutMetricAlarm') {
          if (Array.isArray(input.Metrics)) sent.set(key, input.Metrics);
          else sent.delete(key);
        } else if (op === 'PutCompositeAlarm') {
          if (typeof input.ActionsSuppressor === 'string')
            suppressors.set(key, {
              ActionsSuppressor: input.ActionsSuppressor,
              ActionsSuppressorWaitPeriod: input.ActionsSuppressorWaitPeriod,
              ActionsSuppressorExtensionPeriod: input.ActionsSuppressorExtensionPeriod,
            });
          else suppressors.delete(key);
        } else
          for (const name of (input.AlarmNames as string[] | undefined) ?? []) {
            sent.delete(`${scope}|${name}`);
            suppressors.delete(`${scope}|${name}`);
          }
      }
      const upstream = request(
        {
          hostname: target.hostname,
          port: target.port,
          path: req.url,
          method: req.method,
          headers: { ...req.headers, host: target.host },
        },
        (up) => {
          if (op !== 'DescribeAlarms' || (up.statusCode ?? 500) >= 300) {
            res.writeHead(up.statusCode ?? 502, up.headers);
            up.pipe(res);
            return;
          }
          const answer: Buffer[] = [];
          up.on('data', (c: Buffer) => answer.push(c));
          up.on('end', () => {
            const raw = Buffer.concat(answer);
            const parsed = parseJson(raw) as { MetricAlarms?: Json[]; CompositeAlarms?: Json[] } | undefined;
            // An answer that is not JSON (ministack writes a NaN threshold as NaN) goes through untouched:
            // the client under test must meet it as it is, and this proxy must never bring the run down.
            if (parsed === undefined) {
              res.writeHead(up.statusCode ?? 502, up.headers);
              res.end(raw);
              return;
            }
            for (const a of parsed.MetricAlarms ?? []) {
              const metrics = sent.get(`${scope}|${String(a.AlarmName)}`);
              if (metrics === undefined || a.Metrics !== undefined) continue;
              for (const k of [
                'MetricName',
                'Namespace',
                'Statistic',
                'ExtendedStatistic',
                'Period',
                'Dimensions',
                'Unit',
              ])
                delete a[k];
              a.Metrics = metrics;
            }
            for (const c of parsed.CompositeAlarms ?? []) {
              const suppressor = suppressors.get(`${scope}|${String(c.AlarmName)}`);
              if (suppressor !== undefined && c.ActionsSuppressor === undefined) Object.assign(c, suppressor);
            }
            const text = JSON.stringify(parsed);
            res.writeHead(up.statusCode ?? 502, { ...up.headers, 'content-length': Buffer.byteLength(text) });
            res.end(text);
          });
        },
      );
      upstream.on('error', () => res.destroy());
      upstream.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
