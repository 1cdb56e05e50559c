#!/usr/bin/env bash
# Starts a single-node KRaft Kafka broker on loopback, for tests and local runs.
# Idempotent: reuses fetched jars and an already-running broker.
#   KAFKA_PORT (default 19092), KAFKA_HOME (default infra/kafka/.kafka), KAFKA_HEAP (default 512m)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
port=${KAFKA_PORT:-19092}
controller_port=$((port + 1))
home=${KAFKA_HOME:-$here/.kafka}
libs=$home/libs
data=$home/data-$port
pidfile=$home/broker-$port.pid
logfile=$home/broker-$port.log

command -v java >/dev/null || { echo "java not found: install a JDK 17 (apt-get install openjdk-17-jre-headless)" >&2; exit 1; }

broker_answers() { node "$here/wait-for-broker.mjs" "127.0.0.1:$port" "${1:-1}" >/dev/null 2>&1; }

if [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null && broker_answers 5; then
  echo "kafka already running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
  exit 0
fi
# Another broker (docker compose, a previous checkout) on the port: a second one could not bind anyway.
if broker_answers 1; then
  echo "a kafka broker not started by this script already answers on 127.0.0.1:$port; using it"
  exit 0
fi

mkdir -p "$home"
if [ ! -f "$libs/.complete" ]; then
  command -v mvn >/dev/null || { echo "mvn not found: install Maven (apt-get install maven)" >&2; exit 1; }
  echo "fetching Kafka broker jars with Maven into $libs"
  rm -rf "$libs"
  mvn -q -B -f "$here/pom.xml" dependency:copy-dependencies -DincludeScope=runtime -DoutputDirectory="$libs"
  touch "$libs/.complete"
fi

mkdir -p "$data"
sed -e "s#@PORT@#$port#g" -e "s#@CONTROLLER_PORT@#$controller_port#g" -e "s#@DATA_DIR@#$data#g" \
  "$here/server.properties.template" > "$home/server-$port.properties"
cp "$here/log4j.properties" "$home/log4j.properties"

java_opts=(-Xms128m "-Xmx${KAFKA_HEAP:-512m}" -XX:+UseG1GC -XX:TieredStopAtLevel=1
  "-Dlog4j.configuration=file:$home/log4j.properties" -Dkafka.logs.dir="$home")

if [ ! -f "$data/meta.properties" ]; then
  java "${java_opts[@]}" -cp "$libs/*" kafka.tools.StorageTool format \
    -t "$(java -cp "$libs/*" kafka.tools.StorageTool random-uuid 2>/dev/null | tail -n1)" \
    -c "$home/server-$port.properties" >/dev/null
fi

nohup java "${java_opts[@]}" -cp "$libs/*" kafka.Kafka "$home/server-$port.properties" >"$logfile" 2>&1 &
echo $! > "$pidfile"

if ! broker_answers 90; then
  echo "kafka did not answer on 127.0.0.1:$port within 90 s; last log lines:" >&2
  tail -n 30 "$logfile" >&2
  exit 1
fi
echo "kafka running on 127.0.0.1:$port (pid $(cat "$pidfile"))"
