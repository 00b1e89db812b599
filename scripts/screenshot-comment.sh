#!/usr/bin/env bash
# Renders the pull-request comment that the action wrote in a real run (test/action/backtest.test.ts:
# the bundled action against the emulator and a loopback GitHub, saved as docs/backtest-comment.md)
# the way GitHub shows it, and screenshots it into docs/images/pr-comment.png for the README.
#
# Needs Chromium (Debian: apt-get install chromium). The renderers (marked for GitHub-flavoured
# Markdown, github-markdown-css for GitHub's look, mermaid for the backtest chart) are fetched from the
# npm registry into a temporary folder, not added to the project's dependencies: only this script uses
# them. To refresh the comment itself first: MONITORS_WRITE_DOCS=1 npx jest test/action/backtest.test.ts
set -euo pipefail
cd "$(dirname "$0")/.."
chrome=$(command -v chromium || command -v chromium-browser || command -v google-chrome || true)
[ -n "$chrome" ] || { echo "screenshot-comment: no Chromium on PATH (apt-get install chromium)" >&2; exit 1; }
tools=$(mktemp -d)
trap 'rm -rf "$tools"' EXIT
npm install --prefix "$tools" --no-save --no-package-lock --no-progress --silent \
  marked@18 github-markdown-css@5 mermaid@11 >/dev/null
node - "$tools" docs/backtest-comment.md "$tools/comment.html" <<'JS'
const [tools, source, target] = process.argv.slice(2);
const fs = require('fs');
const path = require('path');
const { marked } = require(path.join(tools, 'node_modules/marked'));
const renderer = new marked.Renderer();
const code = renderer.code.bind(renderer);
// GitHub draws ```mermaid blocks as charts; everything else is ordinary GitHub-flavoured Markdown.
renderer.code = (token) => (token.lang === 'mermaid' ? `<pre class="mermaid">${token.text}</pre>` : code(token));
const body = marked.parse(fs.readFileSync(source, 'utf8'), { gfm: true, renderer });
const css = fs.readFileSync(path.join(tools, 'node_modules/github-markdown-css/github-markdown-light.css'), 'utf8');
fs.writeFileSync(target, `<!doctype html><meta charset="utf-8"><style>${css}
body { margin: 0; background: #fff; }
.comment { width: 820px; margin: 16px; border: 1px solid #d0d7de; border-radius: 6px; }
.head { background: #f6f8fa; border-bottom: 1px solid #d0d7de; padding: 8px 16px; font: 14px -apple-system, "DejaVu Sans", sans-serif; color: #57606a; }
.markdown-body { padding: 16px; font-family: "DejaVu Sans", sans-serif; }
</style>
<div class="comment"><div class="head"><b>github-actions</b> bot commented</div><div class="markdown-body">${body}</div></div>
<script src="${path.join(tools, 'node_modules/mermaid/dist/mermaid.min.js')}"></script>
<script>mermaid.initialize({ startOnLoad: true, theme: 'default' });</script>`);
JS
"$chrome" --headless --no-sandbox --disable-gpu --hide-scrollbars --allow-file-access-from-files \
  --virtual-time-budget=5000 --window-size=860,1400 \
  --screenshot="$PWD/docs/images/pr-comment.png" "file://$tools/comment.html" 2>/dev/null
echo "wrote docs/images/pr-comment.png"
