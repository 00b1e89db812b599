#!/usr/bin/env bash
# Fails when dist/ is not what src/ builds to: the action runs dist/index.js, a deploy uploads dist/forwarder/forwarder.zip, so both must be current.
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

# The chat forwarder's Lambda code (dist/forwarder/): the zip a deploy uploads and the hashes a plan compares.
fwd="$fresh/forwarder"
npx ts-node --transpile-only scripts/build-forwarder.ts "$fwd" >/dev/null
for f in forwarder.zip forwarder.zip.sha256 forwarder.json; do
  if ! cmp -s "$fwd/$f" "dist/forwarder/$f"; then
    echo "dist/forwarder/$f is stale: run npm run build:forwarder and commit dist/forwarder/" >&2
    diff -u "dist/forwarder/forwarder.json" "$fwd/forwarder.json" >&2 || true
    exit 1
  fi
done
