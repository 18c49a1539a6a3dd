#!/usr/bin/env bash
# Makes sure the parts the integration tests use exist, starting or creating what is missing (idempotent):
#   a Docker Engine, a registry on 127.0.0.1:5000, the image homelabarr-test/busybox:1 and its copy in the registry,
#   Debian's Chromium for the dashboard's browser tests, and homelabarr-test/standin:1, the stand-in the catalog
#   sweep tags under every image name of the catalog.
set -euo pipefail

REGISTRY=127.0.0.1:5000
TEST_IMAGE=homelabarr-test/busybox:1
STANDIN_IMAGE=homelabarr-test/standin:1
STATE_DIR=${HOMELABARR_TEST_STATE:-/var/tmp/homelabarr-test}

fail() { echo "error: $*" >&2; exit 1; }
as_root() { [ "$(id -u)" -eq 0 ]; }

install_packages() {
  local missing=()
  command -v dockerd >/dev/null 2>&1 || missing+=(docker.io)
  command -v docker-registry >/dev/null 2>&1 || missing+=(docker-registry)
  [ -x /bin/busybox ] || missing+=(busybox-static)
  command -v docker-compose >/dev/null 2>&1 || missing+=(docker-compose)
  command -v debootstrap >/dev/null 2>&1 || missing+=(debootstrap)
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # extra engines in network namespaces (environments, Swarm) and the certificates the tests make for them
  command -v ip >/dev/null 2>&1 || missing+=(iproute2)
  command -v iptables >/dev/null 2>&1 || missing+=(iptables)
  command -v nsenter >/dev/null 2>&1 || missing+=(util-linux)
  command -v openssl >/dev/null 2>&1 || missing+=(openssl)
  # the /metrics tests parse the text format with the reference parser (MetricsTest)
  /usr/bin/python3 -c "import prometheus_client" >/dev/null 2>&1 || missing+=(python3-prometheus-client)
  [ ${#missing[@]} -eq 0 ] && return 0
  as_root || fail "missing packages: ${missing[*]}. Install them as root: apt-get install -y ${missing[*]}"
  echo "installing ${missing[*]} from apt"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
}

start_engine() {
  docker info >/dev/null 2>&1 && return 0
  as_root || fail "the Docker Engine is not running and this user cannot start it: start dockerd (as root) and retry"
  echo "starting dockerd"
  mkdir -p "$STATE_DIR"
  setsid dockerd >"$STATE_DIR/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do docker info >/dev/null 2>&1 && return 0; sleep 0.5; done
  tail -n 20 "$STATE_DIR/dockerd.log" >&2 || true
  fail "dockerd did not answer within 60 s"
}

registry_up() { curl -fsS -o /dev/null "http://$REGISTRY/v2/" 2>/dev/null; }

start_registry() {
  registry_up && return 0
  mkdir -p "$STATE_DIR/registry-data"
  cat >"$STATE_DIR/registry.yml" <<CONFIG
version: 0.1
storage:
  filesystem:
    rootdirectory: $STATE_DIR/registry-data
  delete:
    enabled: true
http:
  addr: $REGISTRY
CONFIG
  echo "starting the local registry on $REGISTRY"
  setsid docker-registry serve "$STATE_DIR/registry.yml" >"$STATE_DIR/registry.log" 2>&1 </dev/null &
  for _ in $(seq 1 60); do registry_up && return 0; sleep 0.5; done
  tail -n 20 "$STATE_DIR/registry.log" >&2 || true
  fail "the registry did not answer on $REGISTRY"
}

make_test_image() {
  # every busybox applet is linked (helper containers use chroot, chown, readlink, printf); older copies are remade
  [ "$(docker image inspect -f '{{index .Config.Labels "homelabarr.test.applets"}}' "$TEST_IMAGE" 2>/dev/null)" = all ] && return 0
  docker rmi -f "$TEST_IMAGE" >/dev/null 2>&1 || true
  echo "creating $TEST_IMAGE from /bin/busybox"
  local root
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/www" "$root/tmp"
  cp /bin/busybox "$root/bin/"
  for c in $("$root/bin/busybox" --list); do
    [ "$c" = busybox ] || ln -sf busybox "$root/bin/$c"
  done
  echo "homelabarr test page" >"$root/www/index.html"
  tar -C "$root" -c . | docker import --change 'LABEL homelabarr.test=true' \
    --change 'LABEL homelabarr.test.applets=all' - "$TEST_IMAGE" >/dev/null
  rm -rf "$root"
}

# Busybox with all its applets and /standin as entrypoint: a shell script a template runs itself (sh -c ...) is
# run; any other command stands for the app's own program and is replaced by waiting for SIGTERM.
make_standin_image() {
  docker image inspect "$STANDIN_IMAGE" >/dev/null 2>&1 && return 0
  echo "creating $STANDIN_IMAGE from /bin/busybox"
  local root applet
  root=$(mktemp -d)
  mkdir -p "$root/bin" "$root/tmp" "$root/etc"
  chmod 1777 "$root/tmp"
  cp /bin/busybox "$root/bin/"
  for applet in $(/bin/busybox --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
  done
  echo "root:x:0:0:root:/root:/bin/sh" >"$root/etc/passwd"
  echo "root:x:0:" >"$root/etc/group"
  cat >"$root/standin" <<'STANDIN'
#!/bin/sh
# HomelabARR catalog sweep stand-in for an app's image (scripts/test-env.sh).
if [ "$#" -gt 0 ] && [ "${1#-}" = "$1" ] && command -v "$1" >/dev/null 2>&1; then
  exec "$@"
fi
trap 'exit 0' TERM INT
while :; do
  sleep 3600 &
  wait $!
done
STANDIN
  chmod 755 "$root/standin"
  tar -C "$root" -c . | docker import --change 'LABEL homelabarr.test=true' --change 'ENTRYPOINT ["/standin"]' \
    --change 'ENV PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin' - "$STANDIN_IMAGE" >/dev/null
  rm -rf "$root"
}

push_test_image() {
  curl -fsS -o /dev/null -H 'Accept: application/vnd.docker.distribution.manifest.v2+json' \
    "http://$REGISTRY/v2/test/busybox/manifests/1" 2>/dev/null && return 0
  echo "pushing $TEST_IMAGE to $REGISTRY"
  docker tag "$TEST_IMAGE" "$REGISTRY/test/busybox:1"
  docker push -q "$REGISTRY/test/busybox:1" >/dev/null
  docker rmi "$REGISTRY/test/busybox:1" >/dev/null
}

command -v curl >/dev/null 2>&1 || { as_root && apt-get install -y -qq curl >/dev/null; } || fail "curl is missing: apt-get install curl"
install_packages
start_engine
start_registry
make_test_image
scripts/base-images.sh
make_standin_image
push_test_image
echo "test environment ready: engine $(docker version --format '{{.Server.Version}}'), registry $REGISTRY, image $TEST_IMAGE"
