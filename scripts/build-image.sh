#!/usr/bin/env bash
# Builds the HomelabARR image: `mvn package`, then `docker build` of the Dockerfile with the jar and its libraries.
#   scripts/build-image.sh            public base images (eclipse-temurin:25-jdk, debian:bookworm-slim)
#   scripts/build-image.sh --local    base images made here from Debian's packages (scripts/base-images.sh), for
#                                     machines that cannot reach Docker Hub, such as this project's CI
# Tags homelabarr:<version> and homelabarr:latest (or --tag NAME).
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

local_bases=false
tag=""
skip_package=false
while [ $# -gt 0 ]; do
  case "$1" in
    --local) local_bases=true ;;
    --tag) tag=$2; shift ;;
    --no-package) skip_package=true ;;
    *) echo "usage: $0 [--local] [--tag NAME] [--no-package]" >&2; exit 2 ;;
  esac
  shift
done

pick_jdk
version=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' pom.xml | head -n 1)
revision=$(git rev-parse --short HEAD 2>/dev/null || echo unknown)
if ! $skip_package; then
  require_maven
  mvn -B -q -DskipTests package
fi
args=(--build-arg "VERSION=$version" --build-arg "REVISION=$revision")
if $local_bases; then
  scripts/base-images.sh
  args+=(--build-arg JDK_IMAGE=homelabarr-base/jdk:25 --build-arg RUNTIME_IMAGE=homelabarr-base/debian:bookworm)
fi
tags=(-t "${tag:-homelabarr:$version}")
[ -n "$tag" ] || tags+=(-t homelabarr:latest)
# the classic builder: it needs no buildx plugin, which minimal Docker installs lack
DOCKER_BUILDKIT=0 docker build -q --force-rm "${args[@]}" "${tags[@]}" . >/dev/null
name=${tag:-homelabarr:$version}
echo "built $name ($(docker image inspect -f '{{.Size}}' "$name" | awk '{printf "%.0f MB", $1/1000000}'))"
