#!/usr/bin/env bash
# Starts redis-server on loopback with the settings Trustwatch requires: AOF fsync everysec (a crash
# loses at most ~1 s, which the engine re-applies from Kafka) and noeviction (eviction would silently
# drop dedupe keys and let duplicates through). Installs redis-server with apt-get when missing.
#   REDIS_PORT (default 16379), REDIS_HOME (default infra/redis/.redis)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${REDIS_PORT:-16379}
home=${REDIS_HOME:-$here/.redis}
dir=$home/data-$port
pidfile=$home/redis-$port.pid

if ! command -v redis-server >/dev/null; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "installing redis-server with apt-get"
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq redis-server >/dev/null
  else
    echo "redis-server not found: run 'sudo apt-get install redis-server' (or use infra/docker-compose.yml)" >&2
    exit 1
  fi
fi

if redis-cli -p "$port" ping 2>/dev/null | grep -q PONG; then
  echo "redis already running on 127.0.0.1:$port"
  exit 0
fi

mkdir -p "$dir"
redis-server --bind 127.0.0.1 --port "$port" --dir "$dir" \
  --appendonly yes --appendfsync everysec --maxmemory-policy noeviction \
  --save '' --daemonize yes --pidfile "$pidfile" --logfile "$home/redis-$port.log"

for _ in $(seq 1 50); do
  redis-cli -p "$port" ping 2>/dev/null | grep -q PONG && { echo "redis running on 127.0.0.1:$port"; exit 0; }
  sleep 0.2
done
echo "redis did not answer on 127.0.0.1:$port; last log lines:" >&2
tail -n 20 "$home/redis-$port.log" >&2
exit 1
