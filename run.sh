#!/usr/bin/env bash
# Builds HomelabARR and starts it with embedded defaults (port 8092, data in ./data). Ctrl-C stops it.
# JVM flags come from scripts/jvm.options; JAVA_OPTS (e.g. JAVA_OPTS=-Xmx512m) adds to them or overrides them.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
pick_jdk
require_maven
require_node
mvn -B -q -DskipTests package
# JAVA_OPTS is a list of flags, split on spaces on purpose
# shellcheck disable=SC2086
exec "$JAVA_HOME/bin/java" @scripts/jvm.options ${JAVA_OPTS:-} --enable-native-access=ALL-UNNAMED -jar target/homelabarr.jar
