#!/usr/bin/env bash
# Set up and produce the HTML reports for the bundled corpus in out/ (open out/index.html).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/lawcompare validate
.venv/bin/lawcompare report --out out --on "${1:-$(date +%F)}"
echo "Open out/index.html"
