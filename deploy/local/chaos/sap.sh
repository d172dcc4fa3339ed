#!/usr/bin/env bash
# ./platform chaos sap [N]: N fee-paid events (400) through sap-adapter while the SAP simulator goes
# down, times out after committing and comes back; prints events consumed, documents in SAP,
# duplicates and missing, and postings per second through the adapter beside the simulator's own
# rate. Exit 0 only when every fee is in SAP exactly once. See docs/benchmarks/sap.md.
#
# The fees are synthetic (Blue Badge, paid now) and stay in the platform's log and both ledgers:
# run it on a throw-away data folder, e.g.
#   PLATFORM_DATA=/tmp/chaos-data ./platform up -d && PLATFORM_DATA=/tmp/chaos-data ./platform chaos sap
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
N=${1:-400}
[[ $N =~ ^[1-9][0-9]*$ ]] && ((N >= 8)) || { echo "usage: ./platform chaos sap [fees, at least 8]" >&2; exit 2; }
[[ -d $ROOT/deploy/local/target/lib ]] || { echo "Build the launcher first (./platform up builds it)." >&2; exit 3; }
for url in http://127.0.0.1:8084/actuator/health http://127.0.0.1:8090/actuator/health; do
  curl -fsS -m 2 "$url" >/dev/null 2>&1 || { echo "Not answering: $url (./platform up -d starts it)." >&2; exit 3; }
done
# Java's single-file source launcher, with the launcher's libraries (Kafka client, Jackson, the
# PostgreSQL driver) on the class path.
exec java -Xmx256m -XX:+UseSerialGC -cp "$ROOT/deploy/local/target/lib/*" \
  "$ROOT/deploy/local/chaos/SapChaos.java" "$N"
