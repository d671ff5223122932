#!/usr/bin/env bash
# Set up from scratch and run the linters and the test suite (what CI runs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
# Debian's Chromium for the browser tests of the HTML reports
if ! command -v chromium >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" = 0 ]; then
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
  else
    echo "warning: chromium not installed; browser tests will be skipped" >&2
  fi
fi
.venv/bin/ruff check src tests benchmarks tools
.venv/bin/lawcompare validate
.venv/bin/python -m pytest -q
