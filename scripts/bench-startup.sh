#!/usr/bin/env bash
# Measures cold start (process launch to first answer of /health) and idle RSS of the built jar.
# Usage: scripts/bench-startup.sh [runs]   (build first: mvn -DskipTests package)
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk
runs=${1:-5}
port=18893
for i in $(seq 1 "$runs"); do
  data=$(mktemp -d)
  start=$(date +%s%N)
  PORT=$port DATA_DIR="$data" HOMELABARR_ADMIN_PASSWORD=bench-startup-passphrase \
    "$JAVA_HOME/bin/java" ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar target/homelabarr.jar >"$data/log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do sleep 0.01; done
  ready=$(( ($(date +%s%N) - start) / 1000000 ))
  sleep 5
  rss=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$pid/status")
  echo "run $i: ready in ${ready} ms, idle RSS ${rss} MiB"
  kill "$pid"; wait "$pid" 2>/dev/null || true
  rm -rf "$data"
done
