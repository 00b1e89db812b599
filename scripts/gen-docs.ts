/**
 * `npm run docs`: writes the generated reference pages, docs/cli.md (from the option table,
 * src/cli/table.ts) and docs/reference.md (from schema/monitors.schema.json). With --check it writes
 * nothing and exits 1, naming each page that differs from what it would write (scripts/check-docs.sh).
 */
import { readFileSync, writeFileSync } from 'fs';
import * as path from 'path';
import * as prettier from 'prettier';
import { cliReference } from './lib/cli-reference';
import { schemaReference } from './lib/schema-reference';

// The repository; a test points it at a copy.
const ROOT = process.env.MONITORS_DOCS_ROOT ?? path.resolve(__dirname, '..');

/**
 * Each generated page: its path from the repository's root and its text, formatted by Prettier with
 * the repository's settings (so that `npm run lint`, which checks every Markdown file, agrees).
 */
export async function generatedPages(): Promise<ReadonlyMap<string, string>> {
  const schema = JSON.parse(readFileSync(path.join(ROOT, 'schema', 'monitors.schema.json'), 'utf8'));
  const pages: [string, string][] = [
    ['docs/cli.md', cliReference()],
    ['docs/reference.md', schemaReference(schema)],
  ];
  const out = new Map<string, string>();
  for (const [page, text] of pages) {
    const file = path.join(ROOT, page);
    const config = (await prettier.resolveConfig(file)) ?? {};
    out.set(page, await prettier.format(text, { ...config, filepath: file }));
  }
  return out;
}

async function main(check: boolean): Promise<number> {
  let stale = 0;
  for (const [page, text] of await generatedPages()) {
    const file = path.join(ROOT, page);
    let current: string | undefined;
    try {
      current = readFileSync(file, 'utf8');
    } catch {
      current = undefined;
    }
    if (current === text) continue;
    if (check) {
      console.error(`${page} is stale: run npm run docs and commit it`);
      stale++;
    } else {
      writeFileSync(file, text);
      console.log(`wrote ${page}`);
    }
  }
  return stale > 0 ? 1 : 0;
}

if (require.main === module) {
  main(process.argv.includes('--check')).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      console.error(err);
      process.exitCode = 1;
    },
  );
}
