/** Wires `monitors match` to the process: the input file or stdin, the streams, and AWS for --aws. */
import { promises as fs } from 'fs';
import { createClients } from '../aws/clients';
import { testMetricFilter } from '../aws/test-metric-filter';
import { MonitorsError } from '../model';
import { commandHelp } from '../cli/table';
import { parseMatchArgs, runMatch, type MatchOptions } from './match';

interface Streams {
  readonly stdout: NodeJS.WritableStream;
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream;
  readonly env: NodeJS.ProcessEnv;
}

async function readAll(stream: NodeJS.ReadableStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : (chunk as Buffer));
  return Buffer.concat(chunks).toString('utf8');
}

export async function runMatchCli(argv: readonly string[], io: Streams): Promise<number> {
  const parsed = parseMatchArgs(argv);
  if ('help' in parsed) {
    io.stdout.write(`${commandHelp('match')}\n`);
    return 0;
  }
  return runMatch(parsed, {
    out: (line) => io.stdout.write(`${line}\n`),
    err: (line) => io.stderr.write(`${line}\n`),
    readInput: async (input) => {
      if (input === '-') return readAll(io.stdin);
      try {
        return await fs.readFile(input, 'utf8');
      } catch (e) {
        throw new MonitorsError('USAGE', `cannot read ${input}: ${(e as NodeJS.ErrnoException).code ?? 'error'}`);
      }
    },
    testOnAws: (pattern: string, lines: readonly string[], o: MatchOptions) => {
      const region = o.region ?? io.env.AWS_REGION ?? io.env.AWS_DEFAULT_REGION;
      if (!region) throw new MonitorsError('USAGE', '--aws needs a region: --region R or AWS_REGION');
      const { logs } = createClients({
        region,
        profile: o.profile,
        endpoint: o.endpointUrl ?? io.env.AWS_ENDPOINT_URL,
      });
      return testMetricFilter(logs, pattern, lines).catch((e: unknown) => {
        // AWS refusing a pattern the engine accepts is itself a disagreement worth a clear line.
        const { name, message } = e as Error;
        throw new MonitorsError('AWS_SERVICE', `AWS TestMetricFilter failed (${name}): ${message}`, 'user', {
          cause: e,
        });
      });
    },
  });
}
