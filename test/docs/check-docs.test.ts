/**
 * The docs checks CI runs (scripts/check-docs.sh): generated reference pages are current, and relative
 * links and #anchors resolve by GitHub's rules. Each check is shown failing on a page made to fail.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { documentationPages } from '../../scripts/check-links';
import { spawnSync } from 'child_process';
import { cliReference } from '../../scripts/lib/cli-reference';
import { schemaReference } from '../../scripts/lib/schema-reference';
import { anchorsOf, brokenLinks, githubSlug, linksOf } from '../../scripts/lib/markdown-links';
import { ALL_COMMANDS, COMMAND_OPTIONS } from '../../src/cli/table';

const ROOT = path.resolve(__dirname, '../..');
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

function site(files: Record<string, string>): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'monitors-docs-'));
  dirs.push(dir);
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(path.dirname(path.join(dir, name)), { recursive: true });
    writeFileSync(path.join(dir, name), text);
  }
  return dir;
}

test.each([
  ['Import: start from what you already have', 'import-start-from-what-you-already-have'],
  ['`monitors plan`', 'monitors-plan'],
  ['Saved plans (`--save`)', 'saved-plans---save'],
  ['What *this* does, and _why_', 'what-this-does-and-why'],
  ['[Links](x.md) render as text', 'links-render-as-text'],
  ['snake_case stays', 'snake_case-stays'],
  ['Émoji ✓ and accents', 'émoji--and-accents'],
])("GitHub's anchor for %j is %s", (heading, slug) => {
  expect(githubSlug(heading)).toBe(slug);
});

test('a repeated heading gets -1, -2; headings in code blocks are not headings', () => {
  const anchors = anchorsOf('# Usage\n\n## Usage\n\n```\n# not a heading\n```\n\n### Usage\n<a id="Custom"></a>\n');
  expect([...anchors]).toEqual(['usage', 'usage-1', 'usage-2', 'Custom']);
});

test('links in code are not links', () => {
  const links = linksOf(
    'see [a](a.md) and `[b](b.md)`\n\n```\n[c](c.md)\n```\n[d]: d.md "title"\n<a href="e.md#x">e</a>\n',
  );
  expect(links.map((l) => l.target)).toEqual(['a.md', 'd.md', 'e.md#x']);
});

test('every kind of broken link is named with its file and line; good ones and other sites are not', () => {
  const root = site({
    'README.md':
      '# Title\n\n## Set up\n\n[ok](#set-up) [ok](docs/a.md#the-part) [site](https://example.com/x#y)\n' +
      '[no anchor](#setup)\n[no file](docs/missing.md)\n[bad anchor](docs/a.md#nope)\n[out](../elsewhere.md)\n',
    'docs/a.md': '# A\n\n## The part\n\n[back](../README.md#title) [dir](.) [self](#a)\n',
  });
  expect(brokenLinks(root, ['README.md', 'docs/a.md'])).toEqual([
    { file: 'README.md', line: 6, message: '#setup: README.md has no heading or id "setup"' },
    { file: 'README.md', line: 7, message: 'docs/missing.md: no such file' },
    { file: 'README.md', line: 8, message: 'docs/a.md#nope: docs/a.md has no heading or id "nope"' },
    { file: 'README.md', line: 9, message: '../elsewhere.md points outside the repository' },
  ]);
});

test("this repository's README and docs pages have no broken link", () => {
  const pages = documentationPages(ROOT);
  expect(pages).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/reference.md']));
  expect(brokenLinks(ROOT, pages)).toEqual([]);
});

test('the generated pages are current, and --check says which page is stale', () => {
  // Prettier (which formats the pages) needs ES modules that jest's VM does not load: run the script.
  const check = (cwd: string) =>
    spawnSync(
      process.execPath,
      [require.resolve('ts-node/dist/bin.js'), '--transpile-only', 'scripts/gen-docs.ts', '--check'],
      { cwd, encoding: 'utf8', env: { ...process.env, MONITORS_DOCS_ROOT: cwd } },
    );
  const current = check(ROOT);
  expect(current.stderr).toBe('');
  expect(current.status).toBe(0);
  // A copy of the repository's inputs whose docs/cli.md lacks a line: stale, and named.
  const copy = site({
    'docs/cli.md': readFileSync(path.join(ROOT, 'docs/cli.md'), 'utf8').replace(/\n\| `--stats` .*\n/, '\n'),
    'docs/reference.md': readFileSync(path.join(ROOT, 'docs/reference.md'), 'utf8'),
    'schema/monitors.schema.json': readFileSync(path.join(ROOT, 'schema/monitors.schema.json'), 'utf8'),
    '.prettierrc.json': readFileSync(path.join(ROOT, '.prettierrc.json'), 'utf8'),
  });
  for (const dir of ['scripts', 'src', 'node_modules']) symlinkSync(path.join(ROOT, dir), path.join(copy, dir));
  writeFileSync(path.join(copy, 'tsconfig.json'), readFileSync(path.join(ROOT, 'tsconfig.json')));
  const stale = check(copy);
  expect(stale.status).toBe(1);
  expect(stale.stderr).toBe('docs/cli.md is stale: run npm run docs and commit it\n');
});

test('docs/cli.md has every command, each of its options, and its exit codes', () => {
  const cli = cliReference();
  for (const command of ALL_COMMANDS) {
    const section = cli.split(`\n## monitors ${command}\n`)[1]?.split('\n## ')[0] ?? '';
    expect(section).toContain('| Exit code | Meaning |');
    for (const option of COMMAND_OPTIONS[command]) expect(section).toContain(`--${option}`);
  }
});

test('docs/reference.md has every section and field of the schema, with enums', () => {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'monitors.schema.json'), 'utf8'));
  const reference = schemaReference(schema);
  for (const section of Object.keys(schema.properties)) expect(reference).toContain(`\n## ${section}\n`);
  // A nested field, a list item's field, a default from the description and an enum's values.
  expect(reference).toMatch(/\| `metric\.namespace` \| string \| yes \|/);
  expect(reference).toMatch(/\| `subscriptions\[\]\.email` \| string \|/);
  expect(reference).toMatch(/\| `evaluationPeriods` \| [^|]+ \| {2}\| `1` \|/);
  expect(reference).toContain('`breaching`, `notBreaching`, `ignore`, `missing`');
});
