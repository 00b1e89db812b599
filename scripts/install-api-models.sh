#!/usr/bin/env bash
# Installs AWS's published API models (botocore's JSON service models, pinned) into a project-local
# virtualenv (.venv-models), for the test that checks every recorded request against them
# (test/harness/api-model.ts). Idempotent: a second run with the pin already installed does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
BOTOCORE_VERSION="$(cat scripts/botocore.version)"
VENV=.venv-models
if [ -x "$VENV/bin/python" ] && "$VENV/bin/pip" show botocore 2>/dev/null | grep -qx "Version: $BOTOCORE_VERSION"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check --no-deps "botocore==$BOTOCORE_VERSION"
