#!/usr/bin/env bash
# Makes, from Debian's own packages, the base images the image build and its test use on a machine that cannot
# reach Docker Hub (idempotent; each image is made once and kept):
#   homelabarr-base/debian:bookworm   a trimmed debootstrap (minbase) root file system: the runtime base
#   homelabarr-base/jdk:25            the same plus a JDK 21+ at /opt/java/openjdk (as in eclipse-temurin images)
#   homelabarr-base/haproxy:bookworm  the same plus HAProxy: the filtering Docker socket proxy of the image test
# The published Dockerfile builds on public images by default; scripts/build-image.sh --local uses these instead.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh

STATE_DIR=${HOMELABARR_TEST_STATE:-/var/tmp/homelabarr-test}
MIRROR=${DEBIAN_MIRROR:-http://deb.debian.org/debian}
BASE=homelabarr-base/debian:bookworm
JDK=homelabarr-base/jdk:25
HAPROXY=homelabarr-base/haproxy:bookworm

fail() { echo "error: $*" >&2; exit 1; }
present() { docker image inspect "$1" >/dev/null 2>&1; }

# What a server image needs from Debian is libc, zlib, a shell and coreutils: documentation, locales and the
# package manager's caches are dropped (the package manager itself stays, so a derived image can still add packages).
trim() {
  local root=$1
  rm -rf "$root"/usr/share/doc/* "$root"/usr/share/man/* "$root"/usr/share/info/* "$root"/usr/share/locale/* \
    "$root"/var/cache/apt/* "$root"/var/lib/apt/lists/* "$root"/var/log/* "$root"/tmp/* 2>/dev/null || true
}

import_dir() {
  local root=$1 image=$2
  tar --numeric-owner -C "$root" -c . | docker import --change 'CMD ["/bin/bash"]' \
    --change 'LABEL homelabarr.base=true' - "$image" >/dev/null
}

rootfs() {
  local root="$STATE_DIR/rootfs-bookworm"
  if [ ! -x "$root/bin/sh" ]; then
    [ "$(id -u)" -eq 0 ] || fail "making $BASE needs root (debootstrap)"
    command -v debootstrap >/dev/null 2>&1 || {
      echo "installing debootstrap from apt" >&2
      DEBIAN_FRONTEND=noninteractive apt-get install -y -qq debootstrap >/dev/null
    }
    echo "debootstrap of Debian bookworm (minbase) into $root: a few minutes, once" >&2
    rm -rf "$root.partial"
    debootstrap --variant=minbase bookworm "$root.partial" "$MIRROR" >"$STATE_DIR/debootstrap.log" 2>&1 \
      || { tail -n 20 "$STATE_DIR/debootstrap.log" >&2; fail "debootstrap failed"; }
    mv "$root.partial" "$root"
  fi
  trim "$root"
  echo "$root"
}

make_base() {
  present "$BASE" && return 0
  import_dir "$(rootfs)" "$BASE"
  echo "made $BASE"
}

make_jdk() {
  present "$JDK" && return 0
  pick_jdk
  local ctx
  ctx=$(mktemp -d)
  cp -aL "$JAVA_HOME" "$ctx/openjdk"  # -L: Debian links cacerts to /etc/ssl, which the image lacks
  printf 'FROM %s\nCOPY openjdk /opt/java/openjdk\nENV JAVA_HOME=/opt/java/openjdk PATH=/opt/java/openjdk/bin:/usr/sbin:/usr/bin:/sbin:/bin\n' \
    "$BASE" >"$ctx/Dockerfile"
  DOCKER_BUILDKIT=0 docker build -q -t "$JDK" "$ctx" >/dev/null 2>"$STATE_DIR/jdk-build.log" \
    || { cat "$STATE_DIR/jdk-build.log" >&2; fail "building $JDK failed"; }
  rm -rf "$ctx"
  echo "made $JDK from $JAVA_HOME"
}

make_haproxy() {
  present "$HAPROXY" && return 0
  local src work
  src=$(rootfs)
  work="$STATE_DIR/rootfs-haproxy"
  rm -rf "$work"
  cp -a "$src" "$work"
  cp /etc/resolv.conf "$work/etc/resolv.conf"
  mount -t proc proc "$work/proc"
  trap 'umount "$work/proc" 2>/dev/null || true' RETURN
  chroot "$work" /bin/sh -c 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends haproxy' \
    >"$STATE_DIR/haproxy-install.log" 2>&1 || { tail -n 20 "$STATE_DIR/haproxy-install.log" >&2; fail "installing haproxy failed"; }
  umount "$work/proc"
  trim "$work"
  import_dir "$work" "$HAPROXY"
  rm -rf "$work"
  echo "made $HAPROXY"
}

mkdir -p "$STATE_DIR"
make_base
make_jdk
make_haproxy
