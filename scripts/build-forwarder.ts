/**
 * Builds the chat forwarder's Lambda code: src/forwarder/index.ts bundled by esbuild into one
 * dependency-free `index.js` (handler `index.handler`, Node.js 22 and 24 runtimes), zipped
 * deterministically, and described by its content hash, into dist/forwarder/ (or the directory given):
 *   forwarder.zip         what the function is created or updated from
 *   forwarder.zip.sha256  `sha256sum -c` format
 *   forwarder.json        the hashes a plan compares: `sha256` (hex) and `codeSha256` (base64, the form
 *                         Lambda's GetFunction reports as Configuration.CodeSha256), size, runtime, handler
 * One definition of the build, used by `npm run build:forwarder` and by scripts/check-dist.sh.
 */
import { createHash } from 'crypto';
import { mkdirSync, writeFileSync } from 'fs';
import { join, resolve } from 'path';
import { buildSync } from 'esbuild';
import { deterministicZip } from './lib/zip';

const root = resolve(__dirname, '..');
const out = resolve(process.argv[2] ?? join(root, 'dist', 'forwarder'));

const built = buildSync({
  absWorkingDir: root,
  entryPoints: ['src/forwarder/index.ts'],
  bundle: true,
  platform: 'node',
  target: 'node22',
  format: 'cjs',
  legalComments: 'none',
  logLevel: 'warning',
  write: false,
  outfile: 'index.js',
});
const code = built.outputFiles[0];
if (!code) throw new Error('esbuild produced no output');
const zip = deterministicZip({ 'index.js': code.contents });
const digest = createHash('sha256').update(zip).digest();
mkdirSync(out, { recursive: true });
writeFileSync(join(out, 'forwarder.zip'), zip);
writeFileSync(join(out, 'forwarder.zip.sha256'), `${digest.toString('hex')}  forwarder.zip\n`);
writeFileSync(
  join(out, 'forwarder.json'),
  `${JSON.stringify(
    {
      sha256: digest.toString('hex'),
      codeSha256: digest.toString('base64'),
      bytes: zip.length,
      runtime: 'nodejs22.x',
      handler: 'index.handler',
    },
    null,
    2,
  )}\n`,
);
console.log(`dist: forwarder.zip ${zip.length} bytes, sha256 ${digest.toString('hex')}`);
