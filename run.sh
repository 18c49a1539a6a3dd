#!/usr/bin/env bash
# Builds HomelabARR when its sources changed since the last build, and starts it with embedded defaults (port 8092,
# data in ./data). Ctrl-C stops it.
# JVM flags come from scripts/jvm.options; JAVA_OPTS (e.g. JAVA_OPTS=-Xmx512m) adds to them or overrides them.
# On JDK 25+ the start uses an AOT cache (JEP 483/514, target/homelabarr.aot) made by a short training run right
# after each build: classes come loaded and linked from it, which is most of the start-up time. A cache that does
# not fit (other JDK, other flags) is ignored silently and the server starts the ordinary way.
#   HOMELABARR_REBUILD=1 ./run.sh   builds even when nothing changed
#   HOMELABARR_AOT=0 ./run.sh       neither makes nor uses the AOT cache
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
pick_jdk

JAR=target/homelabarr.jar
STAMP=target/.run-build-stamp
AOT=target/homelabarr.aot
# JAVA_OPTS is a list of flags, split on spaces on purpose
# shellcheck disable=SC2206
FLAGS=(@scripts/jvm.options ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED)

# What a restart must not pay for: a build when nothing it reads changed since the last one (file times against
# the stamp written after that build; a fresh clone has no stamp and builds).
changed_since_build() {
  [ -f "$JAR" ] && [ -f "$STAMP" ] || return 0
  [ -n "$(find pom.xml src catalog frontend scripts/jvm.options \
    \( -path frontend/node_modules -o -path frontend/dist \) -prune -o -newer "$STAMP" -type f -print -quit)" ]
}
if [ "${HOMELABARR_REBUILD:-0}" = 1 ] || changed_since_build; then
  require_maven
  require_node
  mkdir -p target  # a fresh clone has none yet
  touch "$STAMP.next"  # files edited during the build count as changed next time
  mvn -B -q -DskipTests package
  mv "$STAMP.next" "$STAMP"
  rm -f "$AOT"
fi

AOT_FLAGS=()
if [ "${HOMELABARR_AOT:-1}" = 1 ] && [ "$(java_major "$JAVA_HOME")" -ge 25 ] 2>/dev/null; then
  # the cache must have been made with the same flags as this start; a change of flags or JDK makes a new one
  sig="$(java_identity "$JAVA_HOME" | tr '\n' ' ') ${FLAGS[*]} $(cat scripts/jvm.options)"
  if [ ! -f "$AOT" ] || [ "$AOT" -ot "$JAR" ] || [ "$(cat "$AOT.flags" 2>/dev/null)" != "$sig" ]; then
    echo "Preparing the start-up cache (once per build, about a minute)..." >&2
    rm -f "$AOT" "$AOT.flags"
    if "$JAVA_HOME/bin/java" "${FLAGS[@]}" -XX:AOTCacheOutput="$AOT" -Xlog:aot*=off -Xlog:cds*=off \
        -Dhomelabarr.aotTraining=true -jar "$JAR" >target/aot-training.log 2>&1 && [ -f "$AOT" ]; then
      echo "$sig" >"$AOT.flags"
    else
      echo "warning: the start-up cache could not be made (see target/aot-training.log); starting without it" >&2
      rm -f "$AOT"
    fi
  fi
  if [ -f "$AOT" ]; then
    AOT_FLAGS=(-XX:AOTCache="$AOT" -Xlog:aot*=off -Xlog:cds*=off)
  fi
fi
exec "$JAVA_HOME/bin/java" "${FLAGS[@]}" "${AOT_FLAGS[@]}" -jar "$JAR"
