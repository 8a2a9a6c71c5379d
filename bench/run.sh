#!/usr/bin/env bash
# Runs every benchmark, one after the other, as documented in bench/README.md.
# Record the figures in bench/RESULTS.md with the machine they came from.
#   bash bench/run.sh            all of them
#   bash bench/run.sh students   only those whose project name contains "students" (case-insensitive)
# The students benchmark also runs the original csv_load_students.py: from LOADER_BENCH_ORIGINAL (its python/ folder
# at 5f11657) when set, else from a clone of SmarterApp/TDS_AdministrationAndRegistrationTools made here once.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/prepare.sh >/dev/null

only=${1:-}
selected() { [ -z "$only" ] || [[ "${1,,}" == *"${only,,}"* ]]; }
run() {
  local project=$1; shift
  selected "$project" || return 0
  echo "===== $project ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)) ====="
  dotnet run -c Release --project "bench/$project" --artifacts-path /tmp/loader-bench-build -- "$@"
}

# Prints the folder of csv_load_students.py at 5f11657, or nothing (and why, on stderr) when it cannot be had.
original_script() {
  if [ -n "${LOADER_BENCH_ORIGINAL:-}" ]; then echo "$LOADER_BENCH_ORIGINAL"; return; fi
  local clone=${TMPDIR:-/tmp}/TDS_AdministrationAndRegistrationTools
  if [ ! -d "$clone/.git" ] && ! GIT_TERMINAL_PROMPT=0 git clone --quiet https://github.com/SmarterApp/TDS_AdministrationAndRegistrationTools "$clone" >&2; then
    echo "cannot clone the original script's repository: the students benchmark runs without the comparison (bench/README.md)" >&2
  elif git -C "$clone" -c advice.detachedHead=false checkout --quiet 5f11657 >&2; then
    echo "$clone/python"
  else
    echo "cannot check out 5f11657 in $clone: the students benchmark runs without the comparison" >&2
  fi
}

# csv_load_students.py needs Debian's python3 with requests.
python_requests() {
  /usr/bin/python3 -c 'import requests' >/dev/null 2>&1 && return
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing python3-requests; run as root, or: apt-get install -y python3 python3-requests" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends python3 python3-requests >/dev/null
}

run Loader.Bench --repeat 3
if selected Loader.Bench.Students; then
  original=$(original_script)
  if [ -n "$original" ]; then
    python_requests
    run Loader.Bench.Students --sizes 1000000,5000000 --original "$original"
  else
    run Loader.Bench.Students --sizes 1000000,5000000
  fi
fi
run Loader.Bench.Sftp
for project in bench/Loader.Bench.*/; do
  name=$(basename "$project")
  case "$name" in Loader.Bench.Students|Loader.Bench.Sftp) ;; *) run "$name" ;; esac
done
