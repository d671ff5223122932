#!/usr/bin/env bash
# Set up and produce the reports for the bundled corpus in out/: the HTML site (open out/index.html)
# and an amendment memo per state in Markdown, HTML and DOCX (out/memos/).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
ON="${1:-$(date +%F)}"
.venv/bin/lawcompare validate
.venv/bin/lawcompare report --out out --on "$ON"
.venv/bin/lawcompare memo --all --on "$ON" --format md --format html --format docx --out-dir out/memos --force
echo "Open out/index.html; memos in out/memos/"
