#!/usr/bin/env bash
# Before a release (after npm ci): the tag (vX.Y.Z) is package.json's version, the schema's $id is the
# URL of the schema at that tag (what users' `# yaml-language-server: $schema=` lines point at), and
# dist/ is current. Usage: scripts/check-release.sh vX.Y.Z
set -euo pipefail
cd "$(dirname "$0")/.."
tag="${1:?usage: scripts/check-release.sh vX.Y.Z}"
fail() { echo "release check: $*" >&2; exit 1; }
[[ "$tag" =~ ^v[0-9]+\.[0-9]+\.[0-9]+$ ]] || fail "tag \"$tag\" is not vX.Y.Z"
version=$(node -p 'require("./package.json").version')
[ "$tag" = "v$version" ] || fail "tag $tag does not match package.json version $version: bump the version first"
expected=$(node -r ts-node/register/transpile-only -p 'require("./src/package-info").schemaUrl()')
actual=$(node -p 'require("./schema/monitors.schema.json").$id')
[ "$actual" = "$expected" ] || fail "schema \$id is $actual, expected $expected"
bash scripts/check-dist.sh
echo "release check: $tag, schema \$id and dist/ agree"
