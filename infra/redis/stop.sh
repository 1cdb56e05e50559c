#!/usr/bin/env bash
# Stops the redis-server started by start.sh. REDIS_WIPE=1 also deletes its data.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${REDIS_PORT:-16379}
home=${REDIS_HOME:-$here/.redis}
if command -v redis-cli >/dev/null && redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
  redis-cli -p "$port" shutdown nosave >/dev/null 2>&1 || true
  echo "redis on port $port stopped"
fi
[ "${REDIS_WIPE:-0}" = 1 ] && rm -rf "$home/data-$port"
exit 0
