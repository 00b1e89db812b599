#!/usr/bin/env bash
# Installs the pinned cfn-lint (PyPI) into a project-local virtualenv (.venv-cfnlint), to lint the
# CloudFormation template in setup/. Idempotent: a second run with the pin already installed does nothing.
set -euo pipefail
cd "$(dirname "$0")/.."
CFN_LINT_VERSION="$(cat scripts/cfn-lint.version)"
VENV=.venv-cfnlint
if [ -x "$VENV/bin/cfn-lint" ] && "$VENV/bin/pip" show cfn-lint 2>/dev/null | grep -qx "Version: $CFN_LINT_VERSION"; then
  exit 0
fi
python3 -m venv "$VENV"
"$VENV/bin/pip" install --quiet --disable-pip-version-check "cfn-lint==$CFN_LINT_VERSION"
