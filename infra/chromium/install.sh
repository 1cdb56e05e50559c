#!/usr/bin/env bash
# Installs Debian's chromium for the dashboard's browser test (playwright-core drives it; no browser
# download from a CDN). Does nothing when the executable is already there.
#   CHROMIUM_PATH (default /usr/bin/chromium): the executable the browser test starts
set -euo pipefail
path=${CHROMIUM_PATH:-/usr/bin/chromium}

if [ -x "$path" ]; then
  echo "chromium present at $path"
  exit 0
fi

run_as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"
  elif command -v sudo >/dev/null; then sudo -n "$@"
  else
    echo "need root (or sudo) to install chromium; install it by hand: apt-get install chromium" >&2
    exit 1
  fi
}

if ! command -v apt-get >/dev/null; then
  echo "apt-get not found: install Chromium by hand and set CHROMIUM_PATH to its executable" >&2
  exit 1
fi
echo "installing chromium with apt-get"
export DEBIAN_FRONTEND=noninteractive
run_as_root apt-get update -qq >/dev/null
run_as_root apt-get install -y -qq --no-install-recommends chromium >/dev/null
if [ ! -x "$path" ]; then
  echo "chromium installed but $path is missing: set CHROMIUM_PATH to its executable" >&2
  exit 1
fi
echo "chromium installed at $path ($("$path" --version 2>/dev/null || echo 'version unknown'))"
