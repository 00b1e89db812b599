/** `monitors --version`: the version in package.json, from the source, a compiled copy, and a bundle. */
import { execFileSync } from 'child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { PassThrough } from 'stream';
import { buildSync } from 'esbuild';
import { runCli } from '../../src/cli/run';
import { packageInfo, packageRoot } from '../../src/package-info';
import manifest from '../../package.json';

const root = mkdtempSync(path.join(tmpdir(), 'monitors-version-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/** A package.json like ours: the bin that identifies it, and the repository the version is released from. */
const manifestOf = (version: string) => JSON.stringify({ ...manifest, version, dependencies: {}, devDependencies: {} });

async function cli(argv: string[]) {
  const stdout = new PassThrough();
  const out: Buffer[] = [];
  stdout.on('data', (c: Buffer) => out.push(c));
  const code = await runCli(argv, { stdout, stderr: new PassThrough(), stdin: new PassThrough(), env: {} });
  return { code, stdout: Buffer.concat(out).toString() };
}

test.each(['--version', '-v'])('monitors %s prints the package version and exits 0', async (flag) => {
  expect(await cli([flag])).toEqual({ code: 0, stdout: `${manifest.version}\n` });
});

test('the bin script prints it too', () => {
  const out = execFileSync(process.execPath, [path.join(__dirname, '..', '..', 'bin', 'monitors.js'), '--version'], {
    encoding: 'utf8',
  });
  expect(out).toBe(`${manifest.version}\n`);
});

test('an installed copy reads its own package.json, not the project it is installed in', () => {
  const project = path.join(root, 'project');
  const pkg = path.join(project, 'node_modules', 'monitors');
  mkdirSync(path.join(pkg, 'lib', 'src', 'cli'), { recursive: true });
  writeFileSync(path.join(project, 'package.json'), JSON.stringify({ name: 'someones-app', version: '9.9.9' }));
  writeFileSync(path.join(pkg, 'package.json'), manifestOf('1.2.3'));
  expect(packageInfo(packageRoot(path.join(pkg, 'lib', 'src', 'cli'))).version).toBe('1.2.3');
});

test('a bundled CLI (one file, no src/ beside it) finds the package.json above its folder', () => {
  const pkg = path.join(root, 'bundled');
  mkdirSync(path.join(pkg, 'dist'), { recursive: true });
  writeFileSync(path.join(pkg, 'package.json'), manifestOf('4.5.6'));
  buildSync({
    entryPoints: [path.join(__dirname, '..', '..', 'src', 'cli.ts')],
    bundle: true,
    platform: 'node',
    outfile: path.join(pkg, 'dist', 'cli.js'),
    logLevel: 'silent',
  });
  const out = execFileSync(process.execPath, [path.join(pkg, 'dist', 'cli.js'), '--version'], { encoding: 'utf8' });
  expect(out).toBe('4.5.6\n');
});
