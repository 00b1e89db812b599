/** docs/backtest.md's backtest excerpt is the comment the action test wrote to docs/backtest-comment.md. */
import { readFileSync } from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..', '..');

test('docs/backtest.md shows the backtest section of the generated comment, unchanged', () => {
  const readme = readFileSync(path.join(root, 'docs', 'backtest.md'), 'utf8');
  const doc = readFileSync(path.join(root, 'docs', 'backtest-comment.md'), 'utf8');
  const excerpt =
    /<!-- backtest-excerpt:start -->\n<!-- prettier-ignore-start -->\n([\s\S]*?)\n<!-- prettier-ignore-end -->\n<!-- backtest-excerpt:end -->/.exec(
      readme,
    )?.[1];
  expect(excerpt).toBeDefined();
  expect(excerpt).toBe(doc.slice(doc.indexOf('### Backtest over')).trimEnd());
  expect(excerpt).toContain('```mermaid\nxychart-beta');
});
