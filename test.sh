#!/usr/bin/env bash
# Runs every test: makes sure a Docker Engine, the local registry and the test images exist, then `mvn verify`.
set -euo pipefail
cd "$(dirname "$0")"
. scripts/jdk.sh
pick_jdk
require_maven
require_node
scripts/test-env.sh
mvn -B verify -Dhomelabarr.requireDocker=true "$@"
