#!/usr/bin/env bash
# A real three-node Docker Swarm for the swarm tests, made of extra dockerds in network namespaces (never the host's
# main engine, which other tests use):
#   scripts/swarm-nodes.sh start   namespaces hlr-sw1..3 on the host bridge hlr-swbr (10.242.0.1N/24 inside,
#                                  10.242.0.1/24 on the bridge), one dockerd each under /tmp/hlr-swN with its own
#                                  hostname hlr-swN, the test image loaded, hlr-sw1 the manager, 2 and 3 workers.
#   scripts/swarm-nodes.sh stop    the engines (by pidfile), namespaces, bridge and iptables rules go.
#   scripts/swarm-nodes.sh status  prints the manager's socket and the nodes, or exits 1.
# Idempotent: start on a formed swarm only checks it; stop on nothing does nothing. Needs root.
set -euo pipefail

NODES=3
BRIDGE=hlr-swbr
IMAGE=${SWARM_TEST_IMAGE:-homelabarr-test/busybox:1}
MANAGER_SOCK=unix:///tmp/hlr-sw1/docker.sock

fail() { echo "error: $*" >&2; exit 1; }
root_of() { echo "/tmp/hlr-sw$1"; }
sock_of() { echo "unix://$(root_of "$1")/docker.sock"; }
addr_of() { echo "10.242.0.1$1"; }
on() { local n=$1; shift; docker -H "$(sock_of "$n")" "$@"; }

# Docker's FORWARD policy drops bridged traffic between the namespaces unless these accept it.
rules() {
  local action=$1
  for chain in DOCKER-USER FORWARD; do
    iptables -S "$chain" >/dev/null 2>&1 || continue
    if iptables -C "$chain" -i $BRIDGE -o $BRIDGE -j ACCEPT 2>/dev/null; then
      [ "$action" = add ] || iptables -D "$chain" -i $BRIDGE -o $BRIDGE -j ACCEPT
    else
      [ "$action" = del ] || iptables -I "$chain" -i $BRIDGE -o $BRIDGE -j ACCEPT
    fi
  done
}

network() {
  ip link show $BRIDGE >/dev/null 2>&1 || ip link add $BRIDGE type bridge
  ip addr replace 10.242.0.1/24 dev $BRIDGE
  ip link set $BRIDGE up
  for n in $(seq 1 $NODES); do
    local ns=hlr-sw$n
    ip netns list | grep -qw "^$ns" || ip netns add $ns
    if ! ip link show hlr-swh$n >/dev/null 2>&1; then
      ip link add hlr-swh$n type veth peer name hlr-swp$n
      ip link set hlr-swp$n netns $ns
    fi
    ip link set hlr-swh$n master $BRIDGE
    ip link set hlr-swh$n up
    ip netns exec $ns ip addr replace "$(addr_of "$n")/24" dev hlr-swp$n
    ip netns exec $ns ip link set hlr-swp$n up
    ip netns exec $ns ip link set lo up
  done
  rules add
}

# nsenter rather than `ip netns exec` (which remounts /sys: dockerd then finds no cgroups); its own UTS namespace so
# each node reports its own hostname. Images are never pulled from outside: the nodes run what is loaded.
engine() {
  local n=$1 dir
  dir=$(root_of "$n")
  on "$n" info >/dev/null 2>&1 && return 0
  mkdir -p "$dir"
  DOCKER_SERVICE_PREFER_OFFLINE_IMAGE=1 setsid unshare --uts -- sh -c \
    "hostname hlr-sw$n && exec nsenter --net=/var/run/netns/hlr-sw$n dockerd -H $(sock_of "$n") \
      --data-root $dir/data --exec-root $dir/exec --pidfile $dir/docker.pid --bip 172.29.$n.1/24" \
    >"$dir/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do on "$n" info >/dev/null 2>&1 && return 0; sleep 0.5; done
  tail -n 20 "$dir/dockerd.log" >&2
  fail "engine hlr-sw$n did not answer within 60 s"
}

image() {
  local n=$1
  on "$n" image inspect "$IMAGE" >/dev/null 2>&1 && return 0
  docker image inspect "$IMAGE" >/dev/null 2>&1 || fail "$IMAGE is missing on the host: run scripts/test-env.sh"
  docker save "$IMAGE" | on "$n" load -q >/dev/null
}

swarm_state() { on "$1" info --format '{{.Swarm.LocalNodeState}}' 2>/dev/null || echo down; }

swarm() {
  if [ "$(swarm_state 1)" != active ]; then
    on 1 swarm init --advertise-addr "$(addr_of 1)" --listen-addr "$(addr_of 1):2377" >/dev/null
  fi
  local token
  token=$(on 1 swarm join-token -q worker)
  for n in $(seq 2 $NODES); do
    [ "$(swarm_state "$n")" = active ] && continue
    on "$n" swarm join --token "$token" --advertise-addr "$(addr_of "$n")" "$(addr_of 1):2377" >/dev/null
  done
  for _ in $(seq 1 120); do
    [ "$(on 1 node ls --format '{{.Status}}' | grep -c Ready)" -ge $NODES ] && return 0
    sleep 0.5
  done
  on 1 node ls >&2
  fail "the swarm did not get $NODES Ready nodes within 60 s"
}

start() {
  [ "$(id -u)" -eq 0 ] || fail "run as root: namespaces, bridge and engines need it"
  command -v dockerd >/dev/null || fail "dockerd is not installed (apt-get install docker.io)"
  network
  for n in $(seq 1 $NODES); do engine "$n"; done
  for n in $(seq 1 $NODES); do image "$n"; done
  swarm
  # A node left drained or paused by an interrupted test would skew the next run.
  for id in $(on 1 node ls -q); do on 1 node update --availability active "$id" >/dev/null; done
  echo "swarm up: manager $MANAGER_SOCK"
}

stop() {
  for n in $(seq 1 $NODES); do
    local dir pid
    dir=$(root_of "$n")
    [ -f "$dir/docker.pid" ] || continue
    pid=$(cat "$dir/docker.pid")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid"
    fi
    rm -f "$dir/docker.pid"
  done
  for n in $(seq 1 $NODES); do
    ip link del hlr-swh$n 2>/dev/null || true
    ip netns del hlr-sw$n 2>/dev/null || true
    # The engines' mounts under exec-root go with them; data is kept small by removing it all.
    umount -R "$(root_of "$n")/exec" 2>/dev/null || true
    rm -rf "$(root_of "$n")" 2>/dev/null || true
  done
  ip link del $BRIDGE 2>/dev/null || true
  rules del
  echo "swarm nodes stopped"
}

status() {
  [ "$(swarm_state 1)" = active ] || { echo "no swarm"; exit 1; }
  echo "manager $MANAGER_SOCK"
  on 1 node ls
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start|stop|status" >&2; exit 2 ;;
esac
