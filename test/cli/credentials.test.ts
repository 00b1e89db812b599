/** Missing or rejected credentials end the run with one clear line, not a stack trace. */
import { PassThrough } from 'stream';
import { mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
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

test('--profile picks the profile from the shared config, whatever AWS_PROFILE says', async () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-profile-'));
  const config = path.join(dir, 'config');
  writeFileSync(
    config,
    '[profile ops]\naws_access_key_id = 555566667777\naws_secret_access_key = x\n[profile other]\naws_access_key_id = 111122223333\naws_secret_access_key = x\n',
  );
  const saved = { ...process.env };
  for (const k of Object.keys(process.env)) if (k.startsWith('AWS_')) delete process.env[k];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: config,
    AWS_SHARED_CREDENTIALS_FILE: '/nonexistent/credentials',
    AWS_EC2_METADATA_DISABLED: 'true',
    AWS_PROFILE: 'other',
  });
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  try {
    const code = await runCli(['plan', 'monitors', '--profile', 'ops', '--endpoint-url', emulatorEndpoint()], {
      stdout,
      stderr: new PassThrough(),
      stdin: new PassThrough(),
      env: {},
    });
    expect(code).toBe(0);
    expect(Buffer.concat(out).toString()).toMatch(/^Stack teachme in us-east-1 \(account 555566667777\)/);
  } finally {
    process.env = saved;
    rmSync(dir, { recursive: true, force: true });
  }
});
