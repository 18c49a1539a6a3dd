#!/usr/bin/env bash
# Builds HomelabARR and starts it with embedded defaults (port 8092, data in ./data). Ctrl-C stops it.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
pick_jdk
require_maven
require_node
mvn -B -q -DskipTests package
exec "$JAVA_HOME/bin/java" --enable-native-access=ALL-UNNAMED -jar target/homelabarr.jar
