/**
 * `monitors import` refuses bad input with one clear sentence and no AWS request (a loopback endpoint
 * counts them): no selection, --out on a file, existing monitors files without --force, a positional
 * directory, a bad stack name, flags of other commands. --help is generated from the option table.
 */
import { mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { startCountingEndpoint, type CountingEndpoint } from '../harness/counting-endpoint';
import { runCliCaptured } from '../harness/run-cli';

let aws: CountingEndpoint;
const dirs: string[] = [];
beforeAll(async () => {
  aws = await startCountingEndpoint();
});
afterAll(async () => {
  await aws.close();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

function scratch(): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-import-args-'));
  dirs.push(dir);
  return dir;
}

const env = { AWS_ACCESS_KEY_ID: 'x', AWS_SECRET_ACCESS_KEY: 'y' };
async function refused(args: string[]): Promise<string> {
  const before = aws.requests();
  const r = await runCliCaptured(['import', '--region', 'us-east-1', '--endpoint-url', aws.url, ...args], { env });
  expect(r.code).toBe(1);
  expect(r.stdout).toBe('');
  expect(aws.requests()).toBe(before);
  return r.stderr;
}

test('no selection: says which flags select', async () => {
  expect(await refused(['--out', path.join(scratch(), 'm')])).toBe(
    'Error: import needs a selection: --log-group-prefix P, --alarm-prefix P, --topic NAME (each repeatable), or --all\n',
  );
});

test('an empty prefix is not a way to say --all', async () => {
  expect(await refused(['--log-group-prefix', '', '--out', path.join(scratch(), 'm')])).toMatch(
    /an empty prefix or topic name selects everything: use --all/,
  );
});

test('--out naming a file, or a link to one', async () => {
  const dir = scratch();
  const file = path.join(dir, 'notes.txt');
  writeFileSync(file, 'x');
  expect(await refused(['--all', '--out', file])).toBe(
    `Error: --out ${file} is a file, not a directory: choose a directory (it is created if missing)\n`,
  );
  const link = path.join(dir, 'link');
  symlinkSync(file, link);
  expect(await refused(['--all', '--out', link])).toMatch(/is a symbolic link, not a directory/);
});

test('a directory holding monitors files without --force: nothing is written', async () => {
  const dir = scratch();
  writeFileSync(path.join(dir, 'stack.yaml'), 'stack:\n  name: mine\n');
  expect(await refused(['--all', '--out', dir])).toMatch(
    /^Error: import writes nothing: .* already holds monitors files \(stack\.yaml\)\. Choose another --out, or pass --force to overwrite files of the same name\n$/,
  );
  expect(readdirSync(dir)).toEqual(['stack.yaml']);
});

test('a positional directory, a bad stack name, a flag of another command', async () => {
  expect(await refused(['--all', 'monitors'])).toMatch(/import takes no directory \(got monitors\): use --out DIR/);
  expect(await refused(['--all', '--stack', 'Bad_Name', '--out', path.join(scratch(), 'm')])).toMatch(
    /--stack "Bad_Name" is not valid: lower-case letters, digits and dashes/,
  );
  expect(await refused(['--all', '--yes'])).toMatch(
    /monitors import does not take --yes; its options are: --out, --log-group-prefix/,
  );
});

test('--help lists the selection and --out DIR', async () => {
  const r = await runCliCaptured(['import', '--help']);
  expect(r.code).toBe(0);
  expect(r.stdout).toMatch(/^Usage: monitors import \[--out DIR\] \[--force\]/);
  for (const flag of [
    '--out DIR',
    '--log-group-prefix P',
    '--alarm-prefix P',
    '--topic NAME',
    '--all',
    '--force',
    '--stack NAME',
    '--region R',
    '--profile P',
    '--endpoint-url URL',
  ])
    expect(r.stdout).toContain(`  ${flag}`);
  const main = await runCliCaptured(['--help']);
  expect(main.stdout).toMatch(/^ {2}import --all +Write the region's console-made/m);
});

test('an empty output directory is fine: the refusal is only for monitors files', async () => {
  const dir = scratch();
  mkdirSync(path.join(dir, 'empty'));
  // It gets as far as AWS (which the counting endpoint refuses), so it was not refused for the directory.
  const r = await runCliCaptured(
    [
      'import',
      '--all',
      '--region',
      'us-east-1',
      '--endpoint-url',
      aws.url,
      '--out',
      path.join(dir, 'empty'),
      '--request-timeout',
      '2',
    ],
    { env },
  );
  expect(r.code).toBe(1);
  expect(r.stderr).not.toMatch(/already holds|not a directory/);
  expect(readdirSync(path.join(dir, 'empty'))).toEqual([]);
}, 60_000);
