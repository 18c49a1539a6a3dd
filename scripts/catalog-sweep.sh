#!/usr/bin/env bash
# The catalog sweep: deploys catalog apps through a real HomelabARR server onto the local Docker Engine, with a
# local stand-in image under every image name the catalog uses (nothing is pulled), and sorts how each deployment
# ends; see docs/catalog.md. Run as root on the test machine (it prepares the engine like test.sh does).
#
#   scripts/catalog-sweep.sh            every app in standard mode, a sample in traefik and authelia modes
#   scripts/catalog-sweep.sh quick      the fixed sample plus templates changed since the last release (as in test.sh)
#
# Extra arguments go to Maven, e.g. -Dsweep.threads=4. The table is printed and written to target/catalog-sweep.md
# (quick: target/catalog-sweep-quick.md); the run fails if any deployment ends in a fault.
set -euo pipefail
cd "$(dirname "$0")/.."
. scripts/jdk.sh
pick_jdk
require_maven
mode=${1:-all}
[ $# -gt 0 ] && shift
case "$mode" in
  all) test=CatalogSweepAll; table=target/catalog-sweep.md ;;
  quick) test=CatalogSweepTest; table=target/catalog-sweep-quick.md ;;
  *) echo "usage: $0 [all|quick] [maven arguments]" >&2; exit 2 ;;
esac
scripts/test-env.sh
rm -f "$table"
status=0
mvn -B -q test -Dtest="$test" -Dsurefire.failIfNoSpecifiedTests=false "$@" || status=$?
[ -f "$table" ] && { echo; cat "$table"; }
exit $status
