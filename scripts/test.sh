#!/usr/bin/env bash
# Runs every test. Installs what the tests need on a fresh machine first (see scripts/prepare.sh).
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/prepare.sh

log=$(mktemp)
trap 'rm -f "$log"' EXIT
set +e
dotnet test Loader.sln --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

# One closing line over every test project, for people and CI.
awk '
  /(Passed|Failed)! +- +Failed: / {
    for (i = 1; i <= NF; i++) {
      if ($i == "Failed:") { gsub(",", "", $(i+1)); failed += $(i+1) }
      if ($i == "Passed:") { gsub(",", "", $(i+1)); passed += $(i+1) }
      if ($i == "Skipped:") { gsub(",", "", $(i+1)); skipped += $(i+1) }
    }
  }
  END { printf "tests: %d passed, %d failed, %d skipped\n", passed, failed, skipped }
' "$log"
exit "$status"
