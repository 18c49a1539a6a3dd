#!/usr/bin/env bash
# Runs the containers benchmark (src/test/java/homelabarr/bench/ContainersBench.java) against the real engine.
# Creates up to 100 test containers (removed at the end) and prints Markdown rows for docs/benchmarks.md.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk
require_maven
scripts/test-env.sh >/dev/null
mvn -B -q -DskipTests test-compile
mvn -B -q dependency:build-classpath -Dmdep.outputFile=target/bench.classpath -Dmdep.includeScope=test >/dev/null
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED \
  -Djava.util.logging.config.file=src/main/resources/logging.properties \
  -cp "target/test-classes:target/classes:$(cat target/bench.classpath)" homelabarr.bench.ContainersBench
