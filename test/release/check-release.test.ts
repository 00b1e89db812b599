/** scripts/check-release.sh, which the release workflow runs before publishing a tag. */
import { execFile } from 'child_process';
import { readFileSync, readdirSync } from 'fs';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const ROOT = path.join(__dirname, '..', '..');
const manifest = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
  version: string;
  repository: { url: string };
};
const check = (tag: string) =>
  run('bash', ['scripts/check-release.sh', tag], { cwd: ROOT }).then(
    (r) => ({ code: 0, out: r.stdout + r.stderr }),
    (e: { code: number; stdout: string; stderr: string }) => ({ code: e.code, out: e.stdout + e.stderr }),
  );

test("the schema's $id is the schema file at this version's release tag on GitHub", () => {
  const repo = /github\.com\/(.+?)(\.git)?$/.exec(manifest.repository.url)?.[1];
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'monitors.schema.json'), 'utf8')) as { $id: string };
  expect(schema.$id).toBe(`https://raw.githubusercontent.com/${repo}/v${manifest.version}/schema/monitors.schema.json`);
});

test('every schema URL in the README and docs/ is the current $id; monitors/ here uses the relative path', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'monitors.schema.json'), 'utf8')) as { $id: string };
  const docs = [
    'README.md',
    ...readdirSync(path.join(ROOT, 'docs'))
      .filter((f) => f.endsWith('.md'))
      .map((f) => path.join('docs', f)),
  ];
  const urls = docs.flatMap(
    (f) =>
      readFileSync(path.join(ROOT, f), 'utf8').match(/https:\/\/\S*\/v\d[^/]*\/schema\/monitors\.schema\.json/g) ?? [],
  );
  expect(urls.length).toBeGreaterThan(2);
  expect(new Set(urls)).toEqual(new Set([schema.$id]));
  // monitors/tests/ holds rule tests, with their own schema line (checked in test/cli/rule-tests.test.ts).
  for (const f of readdirSync(path.join(ROOT, 'monitors'), { withFileTypes: true }).filter((e) => e.isFile())) {
    expect(readFileSync(path.join(ROOT, 'monitors', f.name), 'utf8').split('\n')[0]).toBe(
      '# yaml-language-server: $schema=../schema/monitors.schema.json',
    );
  }
});

test("the current version's tag passes; another version's or a malformed tag does not", async () => {
  expect(await check(`v${manifest.version}`)).toEqual({
    code: 0,
    out: `release check: v${manifest.version}, schema $id and dist/ agree\n`,
  });
  const [major, minor, patch] = manifest.version.split('.').map(Number) as [number, number, number];
  const next = `v${major}.${minor}.${patch + 1}`;
  expect(await check(next)).toEqual({
    code: 1,
    out: `release check: tag ${next} does not match package.json version ${manifest.version}: bump the version first\n`,
  });
  expect(await check('v1')).toEqual({ code: 1, out: 'release check: tag "v1" is not vX.Y.Z\n' });
});
