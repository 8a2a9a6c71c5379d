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
