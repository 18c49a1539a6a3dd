#!/usr/bin/env bash
# Resident memory of the built jar at rest, under load and abuse (scripts/MemoryLoad.java, from loopback), right
# after it and 30 s later. Usage: scripts/bench-memory.sh [JVM flags...]
# Without flags it uses scripts/jvm.options (what run.sh uses); give e.g. `-XX:+UseG1GC` alone to try others.
# Build first: mvn -B -DskipTests package
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk
[ -f target/homelabarr.jar ] || { echo "build first: mvn -B -DskipTests package" >&2; exit 1; }
if [ $# -eq 0 ]; then set -- @scripts/jvm.options; fi
port=${BENCH_PORT:-18894}
data=$(mktemp -d)
rss() { awk '/VmRSS/ {print int($2/1024)}' "/proc/$1/status"; }
peak() { awk '/VmHWM/ {print int($2/1024)}' "/proc/$1/status"; }
heap() { "$JAVA_HOME/bin/jcmd" "$1" GC.heap_info 2>/dev/null | awk '/used/ && !done {print; done=1}' | sed 's/^ *//'; }

PORT=$port BIND_ADDRESS=127.0.0.1 DATA_DIR="$data" TRUSTED_PROXIES=127.0.0.1 \
  HOMELABARR_ADMIN_PASSWORD=bench-memory-passphrase \
  "$JAVA_HOME/bin/java" "$@" --enable-native-access=ALL-UNNAMED -jar target/homelabarr.jar >"$data/log" 2>&1 &
pid=$!
trap 'kill "$pid" 2>/dev/null; wait "$pid" 2>/dev/null; rm -rf "$data"' EXIT
until curl -fs -o /dev/null "http://127.0.0.1:$port/health"; do
  kill -0 "$pid" 2>/dev/null || { cat "$data/log" >&2; exit 1; }
  sleep 0.2
done
sleep 10
idle=$(rss "$pid")
echo "flags: $*"
echo "idle: RSS ${idle} MiB; heap $(heap "$pid")"
"$JAVA_HOME/bin/java" scripts/MemoryLoad.java "$port"
after=$(rss "$pid")
echo "after load: RSS ${after} MiB (peak ${peak_rss:=$(peak "$pid")} MiB); heap $(heap "$pid")"
sleep 30
later=$(rss "$pid")
echo "30 s later: RSS ${later} MiB; heap $(heap "$pid")"
kill -0 "$pid" || { echo "server died" >&2; exit 1; }
echo "| $* | ${idle} | ${peak_rss} | ${after} | ${later} |"
