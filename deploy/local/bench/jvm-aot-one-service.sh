#!/usr/bin/env bash
# JDK 25's AOT cache against a dynamic class data sharing archive (what the launcher writes, ADR 47)
# and no archive, for one service started alone (docs/benchmarks/jvm-settings.md run 13). Run it on a
# platform of its own, which gives the service its PostgreSQL and Kafka:
#   deploy/local/bench/own-platform.sh --run deploy/local/bench/jvm-aot-one-service.sh [service]
# The service (case-service by default) is extracted by each JDK's own Spring Boot tool, trained once
# per archive (the archive or cache is written as the JVM exits), then started three rounds of five
# modes in turn on port 18081, each timed from launch to /actuator/health answering and stopped with
# SIGTERM, as ./platform down stops it. Needs the JDK on the PATH (17, the baseline; its version labels
# its rows) and a JDK 25 (BENCH_JDK25).
set -uo pipefail
export LC_ALL=C # EPOCHREALTIME and awk agree on the decimal point

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
SERVICE=${1:-case-service}
JAR=$ROOT/$SERVICE/target/$SERVICE-0.1.0-SNAPSHOT.jar
J17=$(command -v java) # the baseline JDK on the PATH; its version labels its rows
V17=$("$J17" -XshowSettings:properties -version 2>&1 | sed -n 's/^ *java.specification.version = //p')
J25=${BENCH_JDK25:-/usr/lib/jvm/temurin-25-jdk-amd64}/bin/java
PORT=18081
[[ -f $JAR ]] || { echo "$JAR is missing: ./mvnw -pl $SERVICE -am package -DskipTests" >&2; exit 1; }
[[ -x $J25 ]] || { echo "no JDK 25 at $J25 (BENCH_JDK25)" >&2; exit 2; }
mkdir -p "${PLATFORM_DATA:-$ROOT/data}" && W=$(mktemp -d "${PLATFORM_DATA:-$ROOT/data}/aot.XXXXXX") || exit 1
trap 'rm -rf "$W"' EXIT
# The services' own options (ClusterPlan.DEFAULT_JVM_OPTS).
OPTS=(-Xms32m -Xmx256m -Xss512k -XX:+UseSerialGC -XX:MinHeapFreeRatio=20 -XX:MaxHeapFreeRatio=40
  -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m -XX:TieredStopAtLevel=1)
"$J17" -Djarmode=tools -jar "$JAR" extract --destination "$W/17" >/dev/null || exit 1
"$J25" -Djarmode=tools -jar "$JAR" extract --destination "$W/25" >/dev/null || exit 1

run() { # label jdk(17|25) extra-options...: one start to healthy, then SIGTERM
  local label=$1 jdk=$2
  shift 2
  local java=J$jdk t0=$EPOCHREALTIME
  "${!java}" "${OPTS[@]}" "$@" -jar "$W/$jdk/$(basename "$JAR")" --server.port=$PORT >>"$W/$label.log" 2>&1 &
  local pid=$!
  until curl -fs -m 1 "http://127.0.0.1:$PORT/actuator/health" >/dev/null 2>&1; do
    sleep 0.05
    kill -0 $pid 2>/dev/null || { echo "$label: the service exited; see its log:" >&2; tail -20 "$W/$label.log" >&2; exit 1; }
  done
  local t1=$EPOCHREALTIME
  local cpu rss
  cpu=$(awk '{ printf "%.1f", ($14 + $15) / 100 }' /proc/$pid/stat)
  rss=$(awk '/VmRSS/ { print int($2 / 1024) }' /proc/$pid/status)
  kill -TERM $pid
  wait $pid
  local t2=$EPOCHREALTIME
  printf '| %-22s | %9.2f | %5s | %6s | %6.1f |\n' "$label" "$(awk -v a="$t0" -v b="$t1" 'BEGIN { print b - a }')" \
    "$cpu" "$rss" "$(awk -v a="$t1" -v b="$t2" 'BEGIN { print b - a }')"
}

printf '%s, %s cores; %s\n\n' "$SERVICE" "$(nproc)" "$(date -u '+%F %T UTC')"
printf '| %-22s | %9s | %5s | %6s | %6s |\n' start "healthy s" "CPU s" "RSS MB" "stop s"
printf '|%s|%s|%s|%s|%s|\n' ------------------------ ----------- ------- -------- --------
run "$V17, training" 17 -XX:ArchiveClassesAtExit="$W/17.jsa"
run "25, training" 25 -XX:ArchiveClassesAtExit="$W/25.jsa"
run "25 AOT, training" 25 -XX:AOTCacheOutput="$W/25.aot"
# A JVM given an archive it cannot use warns and starts without it: the rows would then measure no
# archive under an archive's name.
for f in 17.jsa 25.jsa 25.aot; do
  [[ -s $W/$f ]] || { echo "the training start wrote no $f:" >&2; tail -n 5 "$W"/*training.log >&2; exit 1; }
done
for round in 1 2 3; do
  run "$V17, no archive" 17
  run "$V17, dynamic archive" 17 -XX:SharedArchiveFile="$W/17.jsa"
  run "25, no archive" 25
  run "25, dynamic archive" 25 -XX:SharedArchiveFile="$W/25.jsa"
  run "25, AOT cache" 25 -XX:AOTCache="$W/25.aot"
done
echo
ls -l "$W"/*.jsa "$W"/*.aot | awk '{ printf "%s %d MB\n", $NF, $5 / 1048576 }' | sed "s|$W/||"
