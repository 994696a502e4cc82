#!/usr/bin/env bash
# The GPU check (scripts/gpu_check.py): installs imrec from this checkout if it is not importable, then runs the check.
#   scripts/gpu_check.sh [--cpu] [--out FILE]
set -euo pipefail
cd "$(dirname "$0")/.."
python -c "import imrec" 2>/dev/null || pip install -q -e . -c constraints.txt
exec python scripts/gpu_check.py "$@"
