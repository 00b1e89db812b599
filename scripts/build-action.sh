#!/usr/bin/env bash
# Bundles the action (src/action.ts) into one file for the runner's Node 24 (action.yml: runs.using node24).
# One definition of the build, used by `npm run build:action` and by scripts/check-dist.sh.
# Not minified: the bundle is committed and reviewed as a diff, and a runner's stack trace should name
# real functions without shipping a source map.
set -euo pipefail
cd "$(dirname "$0")/.."
npx esbuild src/action.ts --bundle --platform=node --target=node24 --legal-comments=none --log-level=warning \
  --outfile="${1:-dist/index.js}"
