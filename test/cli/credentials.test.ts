/** Missing or rejected credentials end the run with one clear line, not a stack trace. */
import { PassThrough } from 'stream';
import { runCli } from '../../src/cli/run';
import { emulatorEndpoint } from '../harness/emulator';

async function cli(argv: string[], env: NodeJS.ProcessEnv) {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  const err: Buffer[] = [];
  stderr.on('data', (c: Buffer) => err.push(c));
  const code = await runCli(argv, { stdout, stderr, stdin: new PassThrough(), env });
  return { code, stderr: Buffer.concat(err).toString() };
}

test('no credentials anywhere: one line naming what to set', async () => {
  // Nothing for the SDK's chain to find: no keys, no profile files, no instance metadata.
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  Object.assign(process.env, {
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_CONFIG_FILE: '/nonexistent/config',
    AWS_EC2_METADATA_DISABLED: 'true',
  });
  try {
    const r = await cli(['plan', 'monitors', '--endpoint-url', emulatorEndpoint()], {});
    expect(r.code).toBe(1);
    expect(r.stderr).toBe(
      'Error: no AWS credentials found: set AWS_PROFILE or AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, or run in a role\n',
    );
  } finally {
    process.env = saved;
  }
});
