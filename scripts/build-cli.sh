#!/usr/bin/env bash
# Bundles the CLI (src/cli.ts) into one file, lib/monitors.js, which bin/monitors.js runs: one file
# to read and compile instead of ~70 modules each resolved and read at every start (about 30 ms of
# CPU of `validate`, whose budget is 120 ms). The AWS SDK and @actions/* stay outside, loaded from
# node_modules only by the commands that call AWS. Minified with --keep-names, as the action's
# bundle (scripts/build-action.sh), so stack traces still name the functions.
set -euo pipefail
cd "$(dirname "$0")/.."
npx esbuild src/cli.ts --bundle --platform=node --target=node20 --legal-comments=none --log-level=warning \
  --minify --keep-names '--external:@aws-sdk/*' '--external:@smithy/*' '--external:@actions/*' \
  --outfile="${1:-lib/monitors.js}"
