/**
 * `npm run bench:patterns`: events per second of the filter-pattern engine, per pattern form, over
 * a generated log of 1,000,000 lines (a deterministic mix of plain text, JSON and Apache access-log
 * lines, so every pattern sees lines it matches and lines it must reject). Each pattern is timed
 * through evaluateEvent (match + metric value), the path backtesting uses; best of three runs. BENCH_LINES overrides
 * the size.
 */
import { evaluateEvent, parseFilterPattern } from '../../src/patterns';
import type { MetricTransformation } from '../../src/kinds/specs';

const LINES = Number(process.env.BENCH_LINES ?? 1_000_000);

/** A small deterministic PRNG (mulberry32), so every run sees the same log. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function generate(n: number): string[] {
  const rand = prng(42);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)] as T;
  const levels = ['DEBUG', 'INFO', 'INFO', 'INFO', 'WARN', 'ERROR'] as const;
  const paths = ['/index.html', '/api/orders', '/api/users/42', '/static/app.js', '/health'] as const;
  const out: string[] = new Array<string>(n);
  for (let i = 0; i < n; i++) {
    const level = pick(levels);
    const latency = Math.floor(rand() * 2000);
    const status = pick([200, 200, 200, 201, 301, 404, 500, 503]);
    switch (i % 3) {
      case 0:
        out[i] =
          `2024-05-01T12:00:${String(i % 60).padStart(2, '0')}Z ${level} [worker-${i % 8}] request ${i} took ${latency} ms${level === 'ERROR' ? ' Exception: timeout' : ''}`;
        break;
      case 1:
        out[i] = JSON.stringify({
          level,
          latency,
          status,
          path: pick(paths),
          user: { id: i % 1000, region: pick(['eu', 'us']) },
          tags: ['a', level],
        });
        break;
      default:
        out[i] =
          `10.0.${i % 256}.${(i >> 8) % 256} - user${i % 50} [01/May/2024:12:00:00 +0000] "GET ${pick(paths)} HTTP/1.1" ${status} ${latency * 3}`;
    }
  }
  return out;
}

const CASES: readonly { form: string; pattern: string; value: string }[] = [
  { form: 'terms', pattern: 'ERROR Exception -DEBUG', value: '1' },
  { form: 'terms (?OR)', pattern: '?ERROR ?WARN', value: '1' },
  { form: 'regex', pattern: '%took\\s[0-9]{4}\\sms%', value: '1' },
  { form: 'JSON', pattern: '{ $.level = "ERROR" }', value: '1' },
  {
    form: 'JSON compound',
    pattern: '{ ($.latency > 1000 && $.user.region = eu) || $.tags[1] = WARN }',
    value: '$.latency',
  },
  {
    form: 'space-delimited',
    pattern: '[ip, id, user, timestamp, request = *api*, status = 5*, bytes > 100]',
    value: '$bytes',
  },
  { form: 'space-delimited (...)', pattern: '[..., status = 5* || status = 404, bytes]', value: '$bytes' },
];

function main(): void {
  const t0 = Date.now();
  const lines = generate(LINES);
  console.log(
    `generated ${lines.length.toLocaleString('en-US')} lines in ${Date.now() - t0} ms (node ${process.version})`,
  );
  console.log('form                     events/s     matched   value sum   pattern');
  for (const c of CASES) {
    const parsed = parseFilterPattern(c.pattern);
    if (!parsed.ok) throw new Error(`${c.pattern}: ${parsed.error.message}`);
    const transformation: MetricTransformation = {
      metricName: 'm',
      metricNamespace: 'n',
      metricValue: c.value,
      dimensions: {},
    };
    // Warm up first, so the first pattern is not the one that pays for the JIT.
    for (let i = 0; i < Math.min(lines.length, 50_000); i++)
      evaluateEvent(parsed.pattern, transformation, lines[i] as string);
    // Best of three runs: the machine is shared, and the best run is the least disturbed one.
    let seconds = Infinity;
    let matched = 0;
    let sum = 0;
    for (let run = 0; run < 3; run++) {
      const start = process.hrtime.bigint();
      matched = 0;
      sum = 0;
      for (const line of lines) {
        const e = evaluateEvent(parsed.pattern, transformation, line);
        if (e.matched) matched++;
        if (e.value !== undefined) sum += e.value;
      }
      seconds = Math.min(seconds, Number(process.hrtime.bigint() - start) / 1e9);
    }
    const rate = Math.round(lines.length / seconds);
    console.log(
      `${c.form.padEnd(22)} ${rate.toLocaleString('en-US').padStart(10)}  ${String(matched).padStart(10)}  ${String(sum).padStart(10)}   ${c.pattern}`,
    );
  }
}

main();
