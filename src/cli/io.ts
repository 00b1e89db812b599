/**
 * The process streams and environment a CLI run uses; tests pass their own. Its own module so the
 * commands can take it without importing cli/run.ts, which loads them (no import cycle).
 */
export interface CliIo {
  readonly stdout: NodeJS.WritableStream & { isTTY?: boolean };
  readonly stderr: NodeJS.WritableStream;
  readonly stdin: NodeJS.ReadableStream & { isTTY?: boolean };
  readonly env: NodeJS.ProcessEnv;
}
