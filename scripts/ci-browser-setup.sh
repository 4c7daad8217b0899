#!/usr/bin/env bash
# Installs what tests/browser_hostile.rs needs to run the headless-Chromium check of index.html:
# Debian's `chromium` package and the node modules of tests/browser (playwright-core, which drives
# the system Chromium; it never downloads a browser). Idempotent and quick when both are present.
# Called from .ci/run before `cargo test` (CI runs as root). Needs node and npm on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

chromium="${CHROMIUM:-/usr/bin/chromium}"
if [ ! -x "$chromium" ]; then
  echo "ci-browser-setup: installing chromium" >&2
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
  $sudo apt-get update
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y --no-install-recommends chromium
fi

if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  echo "ci-browser-setup: node and npm are required (Debian: apt-get install -y nodejs npm)" >&2
  exit 1
fi

if [ ! -d tests/browser/node_modules/playwright-core ]; then
  echo "ci-browser-setup: npm ci --prefix tests/browser" >&2
  npm ci --prefix tests/browser --no-audit --no-fund
fi

echo "ci-browser-setup: $("$chromium" --version 2>/dev/null || echo "chromium at $chromium")" >&2
