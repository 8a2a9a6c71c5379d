#!/usr/bin/env bash
# Runs every benchmark, one after the other, as documented in bench/README.md.
# Record the figures in bench/RESULTS.md with the machine they came from.
#   bash bench/run.sh            all of them
#   bash bench/run.sh students   only those whose project name contains "students" (case-insensitive)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh >/dev/null

only=${1:-}
run() {
  local project=$1; shift
  if [ -n "$only" ] && [[ "${project,,}" != *"${only,,}"* ]]; then return; fi
  echo "===== $project ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) ====="
  dotnet run -c Release --project "bench/$project" --artifacts-path /tmp/loader-bench-build -- "$@"
}

run Loader.Bench --repeat 3
run Loader.Bench.Students --sizes 1000000,5000000
run Loader.Bench.Sftp
for project in bench/Loader.Bench.*/; do
  name=$(basename "$project")
  case "$name" in Loader.Bench.Students|Loader.Bench.Sftp) ;; *) run "$name" ;; esac
done
