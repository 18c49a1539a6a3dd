#!/usr/bin/env bash
# The benchmark command (issue 14): measures HomelabARR — and, beside it in the same run, the original Node.js
# HomelabARR for start-up, memory, GET /applications and GET /health — and writes docs/benchmarks.md (the section
# between the "bench.sh" markers; the rest of the file is kept). Not part of ./test.sh.
#
#   scripts/bench.sh            full run (≈ 20 min): 3 runs a row, 10 s of wrk, 500 SSE subscribers, 100 containers,
#                               60 s mixed load with 200 clients
#   scripts/bench.sh --quick    a smoke run of this script (≈ 3 min): 1 run a row, a few seconds each, small sizes;
#                               writes target/benchmarks-quick.md instead of docs/benchmarks.md
#   options: --no-build (no forced build; run.sh still builds when sources changed since its last build),
#            --out FILE, --only LIST (comma-separated of startup,http,sse,deploy,dashboard,mixed,stats)
#
# The original is taken from ORIGINAL_DIR (default /work/bench-original): a checkout of its repository with its
# server's dependencies installed (node_modules). When it is missing, the side-by-side rows say "not measured" and
# why. Nothing of it is copied into this repository; each run works on a copy of its server/ and apps/ in a temporary
# folder, so its data files (users.json, sessions.json) start empty. The settings it runs with on loopback are in
# start_original below and in the report.
#
# Needs: a JDK 21+, Maven, Node.js (dashboard build and the original), wrk (installed from apt when missing, as root),
# Docker Engine with homelabarr-test/busybox:1 and /usr/bin/chromium (scripts/test-env.sh makes sure of both).
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
. scripts/jdk.sh
pick_jdk
require_maven

QUICK=0
BUILD=1
ONLY=""
OUT=""
while [ $# -gt 0 ]; do
  case "$1" in
    --quick) QUICK=1 ;;
    --no-build) BUILD=0 ;;
    --only) ONLY=",$2,"; shift ;;
    --out) OUT=$2; shift ;;
    -h|--help) sed -n '2,22p' "$0"; exit 0 ;;
    *) echo "unknown option: $1 (see --help)" >&2; exit 2 ;;
  esac
  shift
done
wants() { [ -z "$ONLY" ] || [[ $ONLY == *",$1,"* ]]; }

if [ "$QUICK" = 1 ]; then
  RUNS=1; WRK_SECONDS=3; LOGIN_SECONDS=5; IDLE_SECONDS=3; SSE_SUBSCRIBERS=50; DEPLOY_WARMUP=1; DEPLOY_RUNS=2; PAINT_SAMPLES=1
  MIX_SECONDS=5; MIX_SETTLE=3; STATS_MANY=5; MIX_SCALE=10
  OUT=${OUT:-target/benchmarks-quick.md}
else
  RUNS=3; WRK_SECONDS=10; LOGIN_SECONDS=10; IDLE_SECONDS=10; SSE_SUBSCRIBERS=500; DEPLOY_WARMUP=3; DEPLOY_RUNS=15; PAINT_SAMPLES=5
  MIX_SECONDS=60; MIX_SETTLE=30; STATS_MANY=100; MIX_SCALE=1
  OUT=${OUT:-docs/benchmarks.md}
fi
WRK_CONNECTIONS=50
LOGIN_CONNECTIONS=8
PORT_OURS=${BENCH_PORT:-28092}
PORT_ORIG=${BENCH_ORIGINAL_PORT:-28093}
ORIGINAL_DIR=${ORIGINAL_DIR:-/work/bench-original}
PASSWORD="bench-$(head -c 12 /dev/urandom | od -An -tx1 | tr -d ' \n')"
RUN_ID=$(date +%s)-$$
WORK=$(mktemp -d /tmp/hlr-bench.XXXXXX)
RESULTS=$WORK/results.tsv
: >"$RESULTS"
export BENCH_RESULTS=$RESULTS BENCH_PASSWORD=$PASSWORD
# for the report: the flags run.sh starts it with (scripts/jvm.options, an @argfile whose comment lines are not flags)
# and, on JDK 25+, the AOT cache run.sh makes after a build
JVM_FLAGS="$(grep -v '^[[:space:]]*#' scripts/jvm.options | tr '\n' ' ')"
AOT=target/homelabarr.aot
AOT_FLAGS=

log() { echo "[bench $(date +%H:%M:%S)] $*" >&2; }
put() { printf '%s\t%s\n' "$1" "$2" >>"$RESULTS"; }
loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
rss_mib() { awk '/^VmRSS:/ {printf "%.1f", $2/1024}' "/proc/$1/status" 2>/dev/null || echo nan; }
now_ns() { date +%s%N; }
cpu_ticks() { awk '{print $14 + $15 + $16 + $17}' "/proc/$1/stat" 2>/dev/null || echo 0; }
wait_idle() {  # wait_idle PID [MAX_S]: until the process (with its finished children) used under 5 % of a core for 1 s (a server still working
  local pid=$1 max=${2:-90} a b i  # off a backlog of requests wrk gave up on would otherwise load the next row)
  for i in $(seq 1 "$max"); do
    a=$(cpu_ticks "$pid"); sleep 1; b=$(cpu_ticks "$pid")
    [ $((b - a)) -gt 5 ] || return 0
  done
  log "pid $pid still busy after $max s"
}

wait_ready() {  # wait_ready PORT PID START_NS [MAX_S [POLL_S]] -> prints seconds from START_NS to the first 200 of /health
  local port=$1 pid=$2 start=$3 max=${4:-120} poll=${5:-0.01}
  until curl -fs -o /dev/null --max-time 5 "http://127.0.0.1:$port/health"; do
    kill -0 "$pid" 2>/dev/null || { echo "error: the server on port $port exited during start-up" >&2; return 1; }
    [ $(( $(now_ns) - start )) -lt $((max * 1000000000)) ] || { echo "error: no 200 from :$port/health within $max s" >&2; return 1; }
    sleep "$poll"
  done
  awk -v d=$(( $(now_ns) - start )) 'BEGIN {printf "%.3f", d/1e9}'
}

PIDS=()
STATS_LABEL="bench-stats-$RUN_ID"
cleanup() {
  local pid
  for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done
  for pid in "${PIDS[@]}"; do wait "$pid" 2>/dev/null || true; done
  docker ps -aq --filter "label=homelabarr.bench=$RUN_ID" | xargs -r docker rm -f >/dev/null 2>&1 || true
  rm -rf "$WORK"
}
trap cleanup EXIT

# ---------------------------------------------------------------- set-up
log "work folder $WORK; writing $OUT"
scripts/test-env.sh >/dev/null
if ! command -v wrk >/dev/null 2>&1; then
  [ "$(id -u)" -eq 0 ] || { echo "error: wrk is missing: apt-get install wrk" >&2; exit 1; }
  log "installing wrk from apt"
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null || { apt-get update -qq; DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null; }
fi
# Our server is started by ./run.sh, as a user starts it, so every start row includes what run.sh does before the
# JVM (its check for changed sources, its choice of JDK and AOT cache). Its first start here builds (unless
# --no-build and nothing changed) and makes the AOT cache; it is stopped once it answers and is not measured.
log "preparing: ./run.sh builds if needed and makes the AOT cache (not measured)"
[ "$BUILD" = 1 ] && require_node
PREP=$(mktemp -d "$WORK/prep.XXXXXX")
HOMELABARR_REBUILD=$BUILD PORT=$PORT_OURS BIND_ADDRESS=127.0.0.1 DATA_DIR="$PREP" HOMELABARR_ADMIN_PASSWORD=$PASSWORD \
  ./run.sh >"$WORK/prep.log" 2>&1 &
PREP_PID=$!
PIDS+=("$PREP_PID")
wait_ready "$PORT_OURS" "$PREP_PID" "$(now_ns)" 900 1 >/dev/null || { tail -40 "$WORK/prep.log" >&2; exit 1; }
kill "$PREP_PID"; wait "$PREP_PID" 2>/dev/null || true
if [ -f "$AOT" ]; then AOT_FLAGS="-XX:AOTCache=$AOT -Xlog:aot*=off -Xlog:cds*=off"; fi
mvn -B -q -DskipTests -DskipDashboard test-compile >"$WORK/compile.log" 2>&1 || { tail -40 "$WORK/compile.log" >&2; exit 1; }
mvn -B -q dependency:build-classpath -Dmdep.outputFile="$WORK/test.classpath" -Dmdep.includeScope=test >/dev/null
BENCH_CP="target/test-classes:target/classes:$(cat "$WORK/test.classpath")"
bench_java() {  # bench_java CLASS [ENV=VALUE ...]: a benchmark client (its own JVM) against BENCH_URL
  local cls=$1; shift
  env "$@" "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -cp "$BENCH_CP" "homelabarr.bench.$cls"
}

# ---------------------------------------------------------------- facts of this run
put meta.date "$(date -u '+%Y-%m-%d %H:%M UTC')"
put meta.cpu "$(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(nproc) cores"
put meta.memory "$(awk '/^MemTotal:/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo)"
put meta.os "$( (. /etc/os-release && echo "$PRETTY_NAME") 2>/dev/null), kernel $(uname -r)"
if grep -qw hypervisor /proc/cpuinfo; then put meta.virt "virtual machine (hypervisor flag set)"; else put meta.virt "no hypervisor flag"; fi
put meta.jdk "$("$JAVA_HOME/bin/java" -version 2>&1 | head -2 | tail -1)"
put meta.jvm_flags "$(echo $JVM_FLAGS --enable-native-access=ALL-UNNAMED $AOT_FLAGS)"
put meta.docker "$(docker version --format 'Engine {{.Server.Version}} (API {{.Server.APIVersion}})' 2>/dev/null)"
put meta.node "$(node --version 2>/dev/null || echo none)"
put meta.wrk "$(wrk --version 2>&1 | head -1 | cut -d' ' -f1-2)"
put meta.commit "$(git rev-parse --short HEAD 2>/dev/null)$(git diff --quiet HEAD -- src pom.xml frontend 2>/dev/null || echo ' (with uncommitted changes)')"
put meta.quick "$QUICK"
put meta.runs "$RUNS"
put meta.load_start "$(loadavg)"
put meta.idle_seconds "$IDLE_SECONDS"
put meta.catalog_ours "$(find catalog -name '*.yml' | wc -l)"

# ---------------------------------------------------------------- our server
OURS_PID=""
new_data_dir() {  # a fresh DATA_DIR with the benchmark's own templates (apps/myapps/)
  local dir
  dir=$(mktemp -d "$WORK/data.XXXXXX")
  mkdir -p "$dir/apps/myapps"
  cp bench/templates/bench-sse.yml "$dir/apps/myapps/bench-sse.yml"
  local i
  for i in $(seq 0 10); do cp bench/templates/bench-web.yml "$dir/apps/myapps/bench-web-$i.yml"; done
  echo "$dir"
}
start_ours() {  # start_ours DATA_DIR -> sets OURS_PID, OURS_READY (s)
  local data=$1 start
  start=$(now_ns)
  # run.sh ends in exec: the PID is the JVM's, whose memory the rows read
  PORT=$PORT_OURS BIND_ADDRESS=127.0.0.1 DATA_DIR="$data" HOMELABARR_ADMIN_PASSWORD=$PASSWORD ./run.sh >>"$data/server.log" 2>&1 &
  OURS_PID=$!
  PIDS+=("$OURS_PID")
  OURS_READY=$(wait_ready "$PORT_OURS" "$OURS_PID" "$start") || { tail -20 "$data/server.log" >&2; exit 1; }
}
stop_pid() { kill "$1" 2>/dev/null || true; wait "$1" 2>/dev/null || true; }

# ---------------------------------------------------------------- the original
ORIG_PID=""
ORIGINAL_OK=0
ORIGINAL_WHY=""
if [ ! -f "$ORIGINAL_DIR/server/index.js" ]; then
  ORIGINAL_WHY="ORIGINAL_DIR ($ORIGINAL_DIR) holds no checkout of the original (server/index.js)"
elif [ ! -d "$ORIGINAL_DIR/node_modules/express" ] || [ ! -d "$ORIGINAL_DIR/node_modules/dockerode" ]; then
  ORIGINAL_WHY="ORIGINAL_DIR ($ORIGINAL_DIR) has no node_modules with the server's dependencies"
elif ! command -v node >/dev/null 2>&1; then
  ORIGINAL_WHY="node is not installed"
else
  ORIGINAL_OK=1
  put meta.original_commit "$(git -C "$ORIGINAL_DIR" rev-parse --short HEAD 2>/dev/null || cat "$ORIGINAL_DIR/.bench-commit" 2>/dev/null || echo unknown)"
  put meta.original_version "$(node -p "require('$ORIGINAL_DIR/package.json').version")"
  put meta.original_deps "$(cd "$ORIGINAL_DIR" && for p in express dockerode express-rate-limit helmet jsonwebtoken bcryptjs; do printf '%s %s, ' "$p" "$(node -p "require('./node_modules/$p/package.json').version")"; done | sed 's/, $//')"
  put meta.catalog_original "$(find "$ORIGINAL_DIR/apps" -name '*.yml' | wc -l)"
fi
if [ "$ORIGINAL_OK" = 0 ]; then
  put meta.original_missing "$ORIGINAL_WHY"
  echo "######## The original HomelabARR is NOT measured in this run: $ORIGINAL_WHY." >&2
  echo "######## Its side-by-side rows will say 'not measured'. Set ORIGINAL_DIR to measure it." >&2
fi
new_original_dir() {  # a copy of its server and catalog: it keeps users and sessions under server/ in its cwd
  local dir
  dir=$(mktemp -d "$WORK/original.XXXXXX")
  cp -a "$ORIGINAL_DIR/server" "$ORIGINAL_DIR/apps" "$ORIGINAL_DIR/package.json" "$dir/"
  rm -f "$dir/server/config/users.json" "$dir/server/config/api-keys.json" "$dir/server/data/sessions.json"
  ln -s "$ORIGINAL_DIR/node_modules" "$dir/node_modules"
  echo "$dir"
}
# Its settings on loopback (each also in the report):
#  NODE_ENV=production    as its image runs it (development logs every request and opens CORS to all)
#  JWT_SECRET, CORS_ORIGIN  production refuses to be healthy without them (/health answers 503)
#  BIND_ADDRESS=0.0.0.0   it sees /.dockerenv on this machine, takes itself for containerised and then reports a
#                         127.0.0.1 bind address as a configuration error (/health 503); requests go to 127.0.0.1
#  DEFAULT_ADMIN_PASSWORD the first admin's password (its default is "admin")
#  --import bench/original/rate-limit-hook.mjs  raises its hard-coded 100 requests/min/address limit (see the file)
start_original() {  # start_original DIR -> sets ORIG_PID, ORIG_READY (s)
  local dir=$1 start
  start=$(now_ns)
  (cd "$dir" && exec env PORT=$PORT_ORIG BIND_ADDRESS=0.0.0.0 NODE_ENV=production \
    JWT_SECRET=bench-original-jwt-secret-0123456789abcdef CORS_ORIGIN="http://127.0.0.1:$PORT_ORIG" \
    DEFAULT_ADMIN_PASSWORD=$PASSWORD \
    node --import "$ROOT/bench/original/rate-limit-hook.mjs" server/index.js >>"$dir/server.log" 2>&1) &
  ORIG_PID=$!
  PIDS+=("$ORIG_PID")
  ORIG_READY=$(wait_ready "$PORT_ORIG" "$ORIG_PID" "$start") || { tail -20 "$dir/server.log" >&2; exit 1; }
}

# ---------------------------------------------------------------- wrk
wrk_row() {  # wrk_row METRIC_PREFIX PID PORT PATH CONNECTIONS SECONDS [METHOD BODY]
  local prefix=$1 pid=$2 port=$3 path=$4 conns=$5 seconds=$6 out
  # both servers idle, not only the measured one: the original keeps hashing a backlog of logins for seconds after
  # its login row, and our next /applications row (3 runs at 11:51: 7659, 4804 and 9556 requests/s) paid for it
  wait_idle "$pid"
  local other
  for other in "$OURS_PID" "$ORIG_PID"; do
    if [ -n "$other" ] && [ "$other" != "$pid" ] && kill -0 "$other" 2>/dev/null; then wait_idle "$other"; fi
  done
  local ticks_before ticks_after
  ticks_before=$(cpu_ticks "$pid")
  out=$(WRK_METHOD=${7:-GET} WRK_BODY=${8:-} wrk -t2 -c"$conns" -d"${seconds}s" --timeout 30s \
    -s bench/wrk/report.lua "http://127.0.0.1:$port$path" 2>&1 | grep '^WRK ' || true)
  ticks_after=$(cpu_ticks "$pid")
  [ -n "$out" ] || { echo "error: wrk printed no summary for $path" >&2; return 1; }
  log "$prefix: $out"
  local answered=${out#* requests=}
  answered=${answered%% *}
  # the server's CPU (user + system, clock ticks of 10 ms) per answer while wrk ran
  if [ "${answered:-0}" -gt 0 ] 2>/dev/null; then
    put "$prefix.cpu_ms_per_req" "$(awk -v t=$((ticks_after - ticks_before)) -v n="$answered" 'BEGIN {printf "%.3f", t * 10 / n}')"
  fi
  local kv
  for kv in ${out#WRK }; do
    case "$kv" in  # no answer at all: no latency to report (rps 0 says it)
      p50_ms=*|p99_ms=*|max_ms=*) [[ $out == *" requests=0 "* ]] && continue ;;
    esac
    put "$prefix.${kv%%=*}" "${kv#*=}"
  done
}

# ================================================================ 1. start-up and idle memory
if wants startup; then
  for run in $(seq 1 "$RUNS"); do
    log "start-up run $run/$RUNS (load $(loadavg))"
    data=$(new_data_dir)
    for which in first second; do
      start_ours "$data"
      put "ours.start.${which}_s" "$OURS_READY"
      sleep "$IDLE_SECONDS"
      put "ours.rss.idle_${which}_mib" "$(rss_mib "$OURS_PID")"
      stop_pid "$OURS_PID"
    done
    if [ "$ORIGINAL_OK" = 1 ]; then
      odir=$(new_original_dir)
      for which in first second; do
        start_original "$odir"
        put "orig.start.${which}_s" "$ORIG_READY"
        sleep "$IDLE_SECONDS"
        put "orig.rss.idle_${which}_mib" "$(rss_mib "$ORIG_PID")"
        stop_pid "$ORIG_PID"
      done
    fi
  done
  put meta.load_startup "$(loadavg)"
fi

# ================================================================ 2. HTTP rows, side by side
DATA=$(new_data_dir)
start_ours "$DATA"
export BENCH_URL="http://127.0.0.1:$PORT_OURS"
if wants http; then
  if [ "$ORIGINAL_OK" = 1 ]; then
    ODATA=$(new_original_dir)
    start_original "$ODATA"
  fi
  LOGIN_BODY="{\"username\":\"admin\",\"password\":\"$PASSWORD\"}"
  put ours.apps.answer_bytes "$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$PORT_OURS/applications")"
  if [ "$ORIGINAL_OK" = 1 ]; then put orig.apps.answer_bytes "$(curl -s -o /dev/null -w '%{size_download}' "http://127.0.0.1:$PORT_ORIG/applications")"; fi
  log "warm-up (load $(loadavg))"
  wrk_row warmup.ours "$OURS_PID" "$PORT_OURS" /applications "$WRK_CONNECTIONS" 3
  if [ "$ORIGINAL_OK" = 1 ]; then wrk_row warmup.orig "$ORIG_PID" "$PORT_ORIG" /applications "$WRK_CONNECTIONS" 3; fi
  for run in $(seq 1 "$RUNS"); do
    log "HTTP run $run/$RUNS (load $(loadavg))"
    wrk_row ours.apps "$OURS_PID" "$PORT_OURS" /applications "$WRK_CONNECTIONS" "$WRK_SECONDS"
    if [ "$ORIGINAL_OK" = 1 ]; then wrk_row orig.apps "$ORIG_PID" "$PORT_ORIG" /applications "$WRK_CONNECTIONS" "$WRK_SECONDS"; fi
    wrk_row ours.health "$OURS_PID" "$PORT_OURS" /health "$WRK_CONNECTIONS" "$WRK_SECONDS"
    if [ "$ORIGINAL_OK" = 1 ]; then wrk_row orig.health "$ORIG_PID" "$PORT_ORIG" /health "$WRK_CONNECTIONS" "$WRK_SECONDS"; fi
    wrk_row ours.login "$OURS_PID" "$PORT_OURS" /auth/login "$LOGIN_CONNECTIONS" "$LOGIN_SECONDS" POST "$LOGIN_BODY"
    if [ "$ORIGINAL_OK" = 1 ]; then wrk_row orig.login "$ORIG_PID" "$PORT_ORIG" /auth/login "$LOGIN_CONNECTIONS" "$LOGIN_SECONDS" POST "$LOGIN_BODY"; fi
  done
  if [ "$ORIGINAL_OK" = 1 ]; then
    wait_idle "$ORIG_PID"
    put orig.rss.after_http_mib "$(rss_mib "$ORIG_PID")"
    stop_pid "$ORIG_PID"
  fi
  put ours.rss.after_http_mib "$(rss_mib "$OURS_PID")"
  put meta.load_http "$(loadavg)"
fi

# ================================================================ 3. SSE, deploy, dashboard (our server)
if wants sse; then
  for run in $(seq 1 "$RUNS"); do
    log "SSE run $run/$RUNS: $SSE_SUBSCRIBERS subscribers (load $(loadavg))"
    bench_java SseDelayBench SSE_SUBSCRIBERS="$SSE_SUBSCRIBERS" SSE_APP=myapps-bench-sse
  done
  put meta.load_sse "$(loadavg)"
fi
if wants deploy; then
  log "deploy vs raw API: $DEPLOY_WARMUP + $DEPLOY_RUNS rounds (load $(loadavg))"
  bench_java DeployBench DEPLOY_APP=myapps-bench-web-0 DEPLOY_WARMUP="$DEPLOY_WARMUP" DEPLOY_RUNS="$DEPLOY_RUNS"
  put meta.load_deploy "$(loadavg)"
fi
if wants dashboard; then
  log "dashboard: first screen size and first paint (load $(loadavg))"
  index=$(curl -s -H 'Accept: text/html' "http://127.0.0.1:$PORT_OURS/")
  raw=0; gz=0
  for path in / $(grep -oE '(src|href)="/assets/[^"]+\.(js|css)"' <<<"$index" | sed -E 's/^(src|href)="//; s/"$//' | sort -u); do
    r=$(curl -s -H 'Accept: text/html' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$PORT_OURS$path")
    g=$(curl -s -H 'Accept: text/html' -H 'Accept-Encoding: gzip' -o /dev/null -w '%{size_download}' "http://127.0.0.1:$PORT_OURS$path")
    raw=$((raw + r)); gz=$((gz + g))
  done
  put ours.bundle.raw_bytes "$raw"
  put ours.bundle.gzip_bytes "$gz"
  bench_java FirstPaintBench PAINT_SAMPLES="$PAINT_SAMPLES"
  put meta.load_dashboard "$(loadavg)"
fi

# ================================================================ 4. mixed load (a fresh start of our server)
if wants mixed; then
  stop_pid "$OURS_PID"
  start_ours "$DATA"
  sleep "$IDLE_SECONDS"
  log "mixed load: $MIX_SECONDS s, 200 clients (load $(loadavg))"
  put meta.load_mixed_start "$(loadavg)"
  put meta.mix_seconds "$MIX_SECONDS"
  put meta.mix_settle "$MIX_SETTLE"
  put meta.mix_clients "$(( (120 + 50 + 20 + 10) / MIX_SCALE ))"
  bench_java MixedLoad SERVER_PID="$OURS_PID" MIX_SECONDS="$MIX_SECONDS" MIX_SETTLE="$MIX_SETTLE" \
    MIX_CATALOG=$((120 / MIX_SCALE)) MIX_CONTAINERS=$((50 / MIX_SCALE)) MIX_LOGIN=$((20 / MIX_SCALE)) \
    MIX_DEPLOY=$((10 / MIX_SCALE))
  put meta.load_mixed "$(loadavg)"
fi
stop_pid "$OURS_PID"

# ================================================================ 5. stats: 1 and many containers, cold and warm
if wants stats; then
  log "starting 1 + $STATS_MANY idle containers"
  run_idle() { docker run -d --init --label "homelabarr.bench=$RUN_ID" --label "homelabarr.app=$1" \
    homelabarr-test/busybox:1 sleep 3600 >/dev/null; }
  export -f run_idle
  export RUN_ID
  run_idle "$STATS_LABEL-1"
  seq 1 "$STATS_MANY" | xargs -P 4 -I{} bash -c "run_idle $STATS_LABEL-$STATS_MANY"
  sleep 2
  put ours.stats.many "$STATS_MANY"
  for run in $(seq 1 "$RUNS"); do
    for n in 1 "$STATS_MANY"; do
      log "stats run $run/$RUNS, $n container(s) (load $(loadavg))"
      start_ours "$DATA"
      bench_java ContainersBench STATS_APP="$STATS_LABEL-$n" STATS_EXPECT="$n"
      stop_pid "$OURS_PID"
      sleep 2  # the engine's stats loop goes idle once our streams are closed
      bench_java EngineStatsBench STATS_APP="$STATS_LABEL-$n" STATS_EXPECT="$n"
    done
  done
  docker ps -aq --filter "label=homelabarr.bench=$RUN_ID" | xargs -r docker rm -f >/dev/null
  put meta.load_stats "$(loadavg)"
fi

# ================================================================ report
put meta.load_end "$(loadavg)"
cp "$RESULTS" "target/bench-results-$(date +%Y%m%d-%H%M%S).tsv" 2>/dev/null || true
bench_java BenchReport BENCH_OUT="$OUT"
log "done: $OUT"
