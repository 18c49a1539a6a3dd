#!/usr/bin/env bash
# The containers rows of the benchmark alone: cold and warm GET /containers?stats=true for 1 and 100 containers
# (src/test/java/homelabarr/bench/ContainersBench.java, run by scripts/bench.sh against the built jar).
# Writes target/benchmarks-containers.md; scripts/bench.sh writes docs/benchmarks.md with every row.
set -euo pipefail
exec "$(dirname "$0")/bench.sh" --only stats --out target/benchmarks-containers.md "$@"
