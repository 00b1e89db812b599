/** docs/github-action.md lists every input and output action.yml declares, and nothing it does not. */
import { readFileSync } from 'fs';
import * as path from 'path';

const ROOT = path.join(__dirname, '..', '..');

/** The names under a top-level key of action.yml (`inputs:` or `outputs:`). */
function declared(section: 'inputs' | 'outputs'): string[] {
  const yml = readFileSync(path.join(ROOT, 'action.yml'), 'utf8');
  const block = new RegExp(`^${section}:\\n((?:  .*\\n|\\n)*)`, 'm').exec(yml)?.[1] ?? '';
  return [...block.matchAll(/^ {2}([a-z][a-z0-9-]*):/gm)].map((m) => m[1] as string);
}

/** The first cells of the docs page's table whose header starts with `| header`. */
function documented(header: string): string[] {
  const page = readFileSync(path.join(ROOT, 'docs', 'github-action.md'), 'utf8');
  const table = new RegExp(`^\\| ${header}\\s+\\|.*\\n\\|[-| :]+\\n((?:\\|.*\\n)*)`, 'm').exec(page)?.[1] ?? '';
  return [...table.matchAll(/^\| `([a-z][a-z0-9-]*)`/gm)].map((m) => m[1] as string);
}

test.each([
  ['inputs', 'input'],
  ['outputs', 'output'],
] as const)('every %s of action.yml has its row in docs/github-action.md', (section, header) => {
  const names = declared(section);
  expect(names.length).toBeGreaterThan(2);
  expect(documented(header).sort()).toEqual([...names].sort());
});
