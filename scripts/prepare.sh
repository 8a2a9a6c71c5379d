#!/usr/bin/env bash
# Installs what the tests need and a fresh machine lacks. Safe to run again: it installs only what is missing.
set -euo pipefail
cd "$(dirname "$0")/.."

missing=()
need() { command -v "$1" >/dev/null 2>&1 || missing+=("$2"); }
need awk gawk

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${missing[*]}; run as root or install them: apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}"
fi

# --- sftp.download tests (tests/Loader.Sftp.Tests) and bench/Loader.Bench.Sftp --------------------
# They start their own OpenSSH sshd (/usr/sbin/sshd -f <temp config>) on 127.0.0.1 and log in as the
# system user 'loadertest' by password and by key. A locked password ('!') would refuse key logins too
# under UsePAM no, so the user gets a real password hash; it has no shell, and the system's own sshd
# (if one runs) refuses it.
if [ ! -x /usr/sbin/sshd ] || ! command -v sftp >/dev/null 2>&1 || ! command -v ssh-keygen >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing OpenSSH server/client; run as root or: apt-get install -y openssh-server openssh-client" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends openssh-server openssh-client
fi
if ! id loadertest >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing user 'loadertest'; run scripts/prepare.sh as root" >&2
    exit 1
  fi
  useradd --create-home --shell /usr/sbin/nologin loadertest
fi
if [ "$(id -u)" -eq 0 ]; then
  echo 'loadertest:loadertest-pw' | chpasswd
  if [ -d /etc/ssh/sshd_config.d ] && [ ! -f /etc/ssh/sshd_config.d/loader-tests.conf ]; then
    echo 'DenyUsers loadertest' > /etc/ssh/sshd_config.d/loader-tests.conf
  fi
fi
mkdir -p /run/sshd 2>/dev/null || true
# --- end sftp.download ------------------------------------------------------------------------------

# --- S3 targets: tests/Loader.S3.Tests and bench/Loader.Bench.S3 -------------------------------------
# They start s3rver (npm, pinned by tools/s3rver/package-lock.json) on 127.0.0.1 with node; see tools/s3rver/serve.js.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing node/npm for the S3 tests; run as root or: apt-get install -y nodejs npm" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends nodejs npm
fi
if [ ! -f tools/s3rver/node_modules/s3rver/package.json ] \
  || [ tools/s3rver/package-lock.json -nt tools/s3rver/node_modules/.package-lock.json ]; then
  (cd tools/s3rver && npm ci --no-audit --no-fund --loglevel=error)
fi
# --- end S3 targets -----------------------------------------------------------------------------------

# --- Studio (src/Loader.Studio, tests/Loader.Studio.Tests) -------------------------------------------
# The browser tests drive Debian's Chromium through Playwright (Playwright's own browser download is not
# used, and cannot work here). The page is built by npm from its lock file; 'dotnet build' runs the same
# 'npm ci' when node_modules is missing, so this only does it ahead of time.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ ! -x /usr/bin/chromium ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing /usr/bin/chromium (the Studio's browser tests need it); run as root or: apt-get install -y chromium" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
fi
if ! command -v npm >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing npm (the Studio's page is built with it); run as root or: apt-get install -y nodejs npm" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nodejs npm
fi
if [ ! -d src/Loader.Studio/ClientApp/node_modules ]; then
  (cd src/Loader.Studio/ClientApp && npm ci --no-audit --no-fund)
fi
# --- end Studio ---------------------------------------------------------------------------------------

# --- mysql.load / mysql.query / MySQL state store tests (tests/Loader.MySql.Tests) and bench/Loader.Bench.MySql ---
# The tests start their own MariaDB server (mariadbd, set up by mariadb-install-db) in a temporary folder on a free
# 127.0.0.1 port; the benchmark also runs the 'mariadb' client's LOAD DATA LOCAL INFILE. No system service is used.
if [ ! -x /usr/sbin/mariadbd ] || ! command -v mariadb-install-db >/dev/null 2>&1 || ! command -v mariadb >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing MariaDB server/client; run as root or: apt-get install -y mariadb-server mariadb-client" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends mariadb-server mariadb-client
fi
# --- end mysql ----------------------------------------------------------------------------------------------------
