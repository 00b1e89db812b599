#!/usr/bin/env bash
# Fails when dist/index.js is not what src/ builds to: the action runs dist/, so it must be current.
set -euo pipefail
cd "$(dirname "$0")/.."
fresh=$(mktemp -d)
trap 'rm -rf "$fresh"' EXIT
bash scripts/build-action.sh "$fresh/index.js"
if ! cmp -s "$fresh/index.js" dist/index.js; then
  echo "dist/index.js is stale: run npm run build:action and commit dist/" >&2
  diff -u dist/index.js "$fresh/index.js" | head -40 >&2 || true
  exit 1
fi
