#!/usr/bin/env bash
# Create .venv and install lawcompare with its test extras (no model downloads at run time).
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'
