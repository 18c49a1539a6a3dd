#!/usr/bin/env bash
# An extra Docker Engine in a network namespace of its own, for tests of several environments (idempotent).
#
#   scripts/ns-engine.sh start N [TLS_DIR]   start engine N (1..99); with TLS_DIR (ca.pem, server-cert.pem,
#                                             server-key.pem) it also listens on tcp://10.241.N.2:2376 with mutual TLS
#   scripts/ns-engine.sh load N IMAGE...      copy local images into engine N (docker save | docker load)
#   scripts/ns-engine.sh halt N               stop engine N's dockerd only: its address stays, and refuses connections
#   scripts/ns-engine.sh stop N               stop engine N, remove its namespace, veth and data
#   scripts/ns-engine.sh status N             "running" or "stopped"
#
# Engine N: namespace hlr-envN, veth hlr-evN (host, 10.241.N.1/24) / hlr-epN (inside, 10.241.N.2/24), bridge
# 172.30.N.1/24, everything under /tmp/hlr-envN, socket /tmp/hlr-envN/docker.sock. It has its own data-root,
# exec-root, pidfile and bridge address, and its bridge and iptables rules live in its namespace, so the host's
# engine is untouched (a second engine on the host's namespace would fight over docker0). Needs root.
# dockerd is started with nsenter --net=…, not `ip netns exec`: that remounts /sys, the cgroup mounts vanish and
# dockerd stops with "Devices cgroup isn't mounted".
set -euo pipefail

usage() { sed -n '2,10p' "$0" >&2; exit 2; }
[ $# -ge 2 ] || usage
cmd=$1 n=$2
[[ $n =~ ^[1-9][0-9]?$ ]] || { echo "N must be 1..99" >&2; exit 2; }
ns=hlr-env$n host_if=hlr-ev$n ns_if=hlr-ep$n root=/tmp/hlr-env$n
sock=$root/docker.sock pidfile=$root/docker.pid

running() { [ -f "$pidfile" ] && kill -0 "$(cat "$pidfile")" 2>/dev/null; }
answers() { docker -H "unix://$sock" version >/dev/null 2>&1; }

start() {
  local tls=${1:-}
  if running && answers; then echo "engine $n running"; return 0; fi
  [ -n "$tls" ] && for f in ca.pem server-cert.pem server-key.pem; do
    [ -f "$tls/$f" ] || { echo "missing $tls/$f" >&2; exit 1; }
  done
  ip netns add "$ns" 2>/dev/null || true
  if ! ip link show "$host_if" >/dev/null 2>&1; then
    ip link add "$host_if" type veth peer name "$ns_if"
    ip link set "$ns_if" netns "$ns"
  fi
  ip addr replace "10.241.$n.1/24" dev "$host_if"
  ip link set "$host_if" up
  ip netns exec "$ns" ip addr replace "10.241.$n.2/24" dev "$ns_if"
  ip netns exec "$ns" ip link set "$ns_if" up
  ip netns exec "$ns" ip link set lo up
  mkdir -p "$root"
  local listen=(-H "unix://$sock")
  if [ -n "$tls" ]; then
    listen+=(-H "tcp://10.241.$n.2:2376" --tlsverify --tlscacert "$tls/ca.pem" --tlscert "$tls/server-cert.pem"
      --tlskey "$tls/server-key.pem")
  fi
  nsenter --net="/var/run/netns/$ns" setsid dockerd "${listen[@]}" --data-root "$root/data" \
    --exec-root "$root/exec" --pidfile "$pidfile" --bip "172.30.$n.1/24" >"$root/dockerd.log" 2>&1 </dev/null &
  for _ in $(seq 1 120); do
    answers && { echo "engine $n up"; return 0; }
    sleep 0.5
  done
  tail -20 "$root/dockerd.log" >&2
  exit 1
}

halt() {
  if [ -f "$pidfile" ]; then
    local pid; pid=$(cat "$pidfile")
    if kill -0 "$pid" 2>/dev/null; then
      kill "$pid"
      for _ in $(seq 1 60); do kill -0 "$pid" 2>/dev/null || break; sleep 0.5; done
      kill -0 "$pid" 2>/dev/null && kill -9 "$pid" && sleep 1
    fi
  fi
  echo "engine $n halted"
}

stop() {
  halt
  # whatever the engine left mounted under its root (overlay layers, its exec-root) goes before the files do
  { grep -o " $root/[^ ]*" /proc/self/mounts 2>/dev/null || true; } | sort -r | while read -r m; do umount -l "$m" || true; done
  ip link del "$host_if" 2>/dev/null || true
  ip netns del "$ns" 2>/dev/null || true
  rm -rf "$root"
  echo "engine $n stopped"
}

case $cmd in
  start) start "${3:-}" ;;
  stop) stop ;;
  halt) halt ;;
  load) shift 2; for image in "$@"; do docker save "$image" | docker -H "unix://$sock" load -q; done ;;
  status) if running && answers; then echo running; else echo stopped; fi ;;
  *) usage ;;
esac
