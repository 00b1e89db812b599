#!/usr/bin/env bash
# Installs the pinned ministack AWS emulator into a project-local virtualenv (.venv-emulator).
# Idempotent: a second run with the pin already installed does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
MINISTACK_VERSION="$(cat scripts/ministack.version)"
VENV=.venv-emulator
if [ -x "$VENV/bin/ministack" ] && "$VENV/bin/pip" show ministack 2>/dev/null | grep -qx "Version: $MINISTACK_VERSION"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "ministack==$MINISTACK_VERSION"
