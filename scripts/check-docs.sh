#!/usr/bin/env bash
# CI: the generated reference pages (docs/cli.md, docs/reference.md) are current, and every relative
# link and #anchor in README.md and docs/ resolves (GitHub's anchor rules). Fix with: npm run docs.
set -uo pipefail
cd "$(dirname "$0")/.."
status=0
npx ts-node --transpile-only scripts/gen-docs.ts --check || status=1
npx ts-node --transpile-only scripts/check-links.ts || status=1
exit "$status"
