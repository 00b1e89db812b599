#!/usr/bin/env bash
# Installs the pinned moto AWS emulator (the second emulator the tests run beside ministack) into a
# project-local virtualenv (.venv-moto). Idempotent: a second run with the pin installed does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
MOTO_VERSION="$(cat scripts/moto.version)"
VENV=.venv-moto
if [ -x "$VENV/bin/moto_server" ] && "$VENV/bin/pip" show moto 2>/dev/null | grep -qx "Version: $MOTO_VERSION"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "moto[server]==$MOTO_VERSION"
