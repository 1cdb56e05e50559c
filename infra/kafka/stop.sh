#!/usr/bin/env bash
# Stops the broker started by start.sh (SIGTERM, then SIGKILL after 30 s). KAFKA_WIPE=1 also deletes its data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${KAFKA_PORT:-19092}
home=${KAFKA_HOME:-$here/.kafka}
pidfile=$home/broker-$port.pid
if [ -f "$pidfile" ]; then
  pid=$(cat "$pidfile")
  if kill -0 "$pid" 2>/dev/null; then
    kill "$pid"
    for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
    kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
  fi
  rm -f "$pidfile"
  echo "kafka on port $port stopped"
fi
[ "${KAFKA_WIPE:-0}" = 1 ] && rm -rf "$home/data-$port"
exit 0
