#!/usr/bin/env bash
# Fails when dist/index.js is not what src/ builds to: the action runs dist/, so it must be current.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
npx esbuild src/action.ts --bundle --platform=node --target=node20 --legal-comments=none --log-level=warning --outfile="$fresh/index.js"
if ! cmp -s "$fresh/index.js" dist/index.js; then
  echo "dist/index.js is stale: run npm run build:action and commit dist/" >&2
  exit 1
fi
