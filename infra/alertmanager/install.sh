#!/usr/bin/env bash
# Installs Debian's prometheus-alertmanager when it is missing. The alerter's integration tests start
# the binary themselves (a private instance on a free loopback port, clustering off), so nothing is
# started here and the packaged systemd unit is left as Debian ships it.
set -euo pipefail

if command -v prometheus-alertmanager >/dev/null || command -v alertmanager >/dev/null; then
  echo "alertmanager present: $( (prometheus-alertmanager --version 2>&1 || alertmanager --version 2>&1) | head -n1)"
  exit 0
fi

as_root() {
  if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo -n "$@"; else
    echo "need root (or sudo) to run: $*" >&2; return 1
  fi
}

command -v apt-get >/dev/null || { echo "apt-get not found: install Prometheus Alertmanager by hand" >&2; exit 1; }
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update -qq
# --no-install-recommends: the recommended packages pull in a full Prometheus, which the tests never run.
as_root apt-get install -y -qq --no-install-recommends prometheus-alertmanager
echo "alertmanager installed: $(prometheus-alertmanager --version 2>&1 | head -n1)"
