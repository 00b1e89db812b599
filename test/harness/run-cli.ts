import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';

/** One in-process CLI run: its exit code and what it wrote on each stream. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/**
 * Runs the CLI in this process with its output captured. `stdin` given: standard input holds that text
 * and ends; absent: standard input stays open and empty, as for a command that never reads it.
 */
export async function runCliCaptured(
  argv: readonly string[],
  options: { readonly env?: NodeJS.ProcessEnv; readonly stdin?: string } = {},
): Promise<CliRun> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const stdin = new PassThrough();
  if (options.stdin !== undefined) stdin.end(options.stdin);
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli([...argv], { stdout, stderr, stdin, env: options.env ?? {} });
  return { code, stdout: Buffer.concat(out).toString(), stderr: Buffer.concat(err).toString() };
}
