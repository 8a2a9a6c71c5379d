#!/usr/bin/env bash
# Installs what the tests need and a fresh machine lacks (it has the .NET SDK, Node/npm and the Debian base).
# Safe to run again: it installs only what is missing, and takes a fraction of a second when nothing is.
set -euo pipefail
cd "$(dirname "$0")/.."

# --- Debian packages, in one apt-get pass -----------------------------------------------------------
#   gawk                       the closing test count in scripts/test.sh
#   openssh-server/-client     sftp.download tests start their own sshd; the benchmark runs OpenSSH's sftp
#   mariadb-server/-client     MySQL tests start their own mariadbd; the benchmark runs LOAD DATA LOCAL INFILE
#   chromium                   the Studio's browser tests (Playwright drives Debian's Chromium)
#   nodejs, npm                s3rver, the SMTP sink and the Studio's page (present on a fresh machine; checked anyway)
#   awscli                     the EMR stand-in is checked against a real client, /usr/bin/aws --endpoint-url
#   python3-prometheus-client  the Studio's /metrics test reads the scrape with Prometheus's own Python parser
#   tzdata                     schedules read their cron expressions in IANA time zones (daylight-saving tests)
#   zsh                        the zsh completion script is exercised in a real zsh (bash is the base system's)
packages=()
want() { eval "$1" >/dev/null 2>&1 || packages+=("${@:2}"); }
want 'command -v awk' gawk
want '[ -x /usr/sbin/sshd ] && command -v sftp && command -v ssh-keygen' openssh-server openssh-client
want '[ -x /usr/sbin/mariadbd ] && command -v mariadb-install-db && command -v mariadb' mariadb-server mariadb-client
want '[ -x /usr/bin/chromium ]' chromium
want 'command -v node && command -v npm' nodejs npm
want '[ -x /usr/bin/aws ]' awscli
want '/usr/bin/python3 -c "import prometheus_client.parser"' python3 python3-prometheus-client
want '[ -f /usr/share/zoneinfo/America/New_York ]' tzdata
want 'command -v zsh' zsh

if [ ${#packages[@]} -gt 0 ]; then
  if [ "$(id -u)" -ne 0 ]; then
    echo "missing packages: ${packages[*]}; run as root, or: apt-get install -y ${packages[*]}" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${packages[@]}"
fi

# --- the SFTP test user ------------------------------------------------------------------------------
# Tests log in to their own sshd as 'loadertest', by password and by key. A locked password ('!') would
# refuse key logins too under UsePAM no, so the user gets a real password; it has no shell, and the
# system's own sshd (if one runs) refuses it.
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

# --- npm packages, from their lock files --------------------------------------------------------------
# s3rver (tools/s3rver, started through serve.js by the S3 tests), the SMTP server the notification tests
# start (tools/smtp-sink) and the Studio's page (src/Loader.Studio/ClientApp; 'dotnet build' runs the same
# 'npm ci' when node_modules is missing).
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
for folder in tools/s3rver tools/smtp-sink src/Loader.Studio/ClientApp; do
  if [ -f "$folder/package-lock.json" ] && { [ ! -f "$folder/node_modules/.package-lock.json" ] \
      || [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; }; then
    (cd "$folder" && npm ci --no-audit --no-fund --loglevel=error)
  fi
done
