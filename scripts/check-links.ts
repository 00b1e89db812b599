/**
 * Fails (exit 1) when a relative link or #anchor in README.md or a page under docs/ does not resolve,
 * naming each as file:line (scripts/check-docs.sh runs it in CI).
 */
import { readdirSync } from 'fs';
import * as path from 'path';
import { brokenLinks } from './lib/markdown-links';

const ROOT = path.resolve(__dirname, '..');

/** README.md and every Markdown page under docs/, as paths from the root. */
export function documentationPages(root: string = ROOT): string[] {
  const docs = readdirSync(path.join(root, 'docs'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.md'))
    .map((f) => path.join('docs', f))
    .sort();
  return ['README.md', ...docs];
}

if (require.main === module) {
  const pages = documentationPages();
  const broken = brokenLinks(ROOT, pages);
  for (const b of broken) console.error(`${b.file}:${b.line}: broken link: ${b.message}`);
  console.log(`checked the links of ${pages.length} page(s): ${broken.length} broken`);
  process.exitCode = broken.length > 0 ? 1 : 0;
}
