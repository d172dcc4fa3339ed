#!/usr/bin/env bash
# ./platform bench tracing: the gateway benchmark's requests, through the gateway, with tracing off
# and then on (every request sampled, spans exported over OTLP/HTTP to a local receiver), in one run.
# It starts the platform itself, twice, so the platform must be down first. Prints a table; see
# docs/benchmarks/tracing.md for recorded results.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
PLATFORM=$ROOT/platform
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
GATEWAY=http://127.0.0.1:8080
OTLP_PORT=4318
DATA=${PLATFORM_DATA:-$ROOT/data}
LAUNCHER_CP="$ROOT/deploy/local/target/lib/*:$ROOT/deploy/local/target/local-platform-0.1.0-SNAPSHOT.jar"

command -v wrk >/dev/null || {
  echo "wrk is needed: apt-get install wrk" >&2
  exit 1
}
if curl -fsS -m 2 http://127.0.0.1:9080/actuator/health >/dev/null 2>&1; then
  echo "The platform is running: stop it first (./platform down); this benchmark starts it twice," >&2
  echo "with tracing off and with tracing on." >&2
  exit 1
fi
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
CASE='{"serviceCode":"pothole","channel":"phone","location":{"latitude":51.752,"longitude":-0.336}}'

SINK=
cleanup() {
  "$PLATFORM" down >/dev/null 2>&1 || true
  [[ -z $SINK ]] || kill "$SINK" 2>/dev/null || true
}
trap cleanup EXIT

threads_for() { (($1 < THREADS)) && echo "$1" || echo "$THREADS"; } # wrk needs conns >= threads
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

declare -A RESULT=()
measure() { # measure <mode> <row> <connections> <path> <method> <body>
  local mode=$1 row=$2 c=$3 path=$4 method=$5 body=$6
  printf '  tracing %-3s %-44s\r' "$mode" "$row" >&2
  BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$TOKEN \
    wrk -t"$(threads_for "$c")" -c"$c" -d"$WARMUP" -s "$HERE/report.lua" "$GATEWAY$path" >/dev/null
  RESULT[$mode/$row]=$(BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$TOKEN \
    wrk -t"$(threads_for "$c")" -c"$c" -d"$DURATION" --timeout 5s -s "$HERE/report.lua" \
    "$GATEWAY$path" | grep '^RESULT')
}

ROWS=("(a) public read: GET open311 services|$CONNECTIONS|/open311/v2/services.json|GET|"
  "(a) public read, single client|1|/open311/v2/services.json|GET|"
  "(b) authenticated case submission|$CONNECTIONS|/api/cases|POST|$CASE"
  "(b) authenticated case submission, 1 client|1|/api/cases|POST|$CASE")

run_all() { # run_all <mode>
  local row label c path method body
  for row in "${ROWS[@]}"; do
    IFS='|' read -r label c path method body <<<"$row"
    measure "$1" "$label" "$c" "$path" "$method" "$body"
  done
}

echo "Benchmark: through the gateway (:8080) with tracing off, then on, $DURATION each, wrk $THREADS threads" >&2
PLATFORM_TRACING=off "$PLATFORM" up -d >/dev/null
TOKEN=$(bench_token)
run_all off
"$PLATFORM" down >/dev/null

mkdir -p "$DATA/logs"
java -Xmx128m -XX:+UseSerialGC -cp "$LAUNCHER_CP" \
  uk.gov.hertfordshire.platform.local.traces.OtlpTraceReceiver "$OTLP_PORT" >"$DATA/logs/otlp-receiver.log" 2>&1 &
SINK=$!
PLATFORM_TRACING=on PLATFORM_OTLP_ENDPOINT="http://127.0.0.1:$OTLP_PORT/v1/traces" "$PLATFORM" up -d >/dev/null
TOKEN=$(bench_token)
run_all on
"$PLATFORM" down >/dev/null # each service flushes its last spans as it stops
sleep 2                      # the receiver logs its count each second
kill "$SINK"
wait "$SINK" 2>/dev/null || true
SINK=
printf '\r\e[K' >&2

printf '\n| %-44s | %5s | %11s | %8s | %8s | %10s | %8s | %8s | %7s | %8s | %9s |\n' \
  "requests" "conns" "off ok/s" "p50 ms" "p99 ms" "on ok/s" "p50 ms" "p99 ms" "on/off" "+p50 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "-------" \
  "-------------" "----------" "----------" "------------" "----------" "----------" "---------" "----------" "-----------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label c _ <<<"$row"
  off=${RESULT[off/$label]} on=${RESULT[on/$label]}
  ratio=$(awk -v a="$(field ok_per_s "$on")" -v b="$(field ok_per_s "$off")" 'BEGIN { printf "%.0f%%", (b > 0 ? 100 * a / b : 0) }')
  added=$(awk -v a="$(field p50_ms "$on")" -v b="$(field p50_ms "$off")" 'BEGIN { printf "%+.2f", a - b }')
  printf '| %-44s | %5s | %11s | %8s | %8s | %10s | %8s | %8s | %7s | %8s | %9s |\n' "$label" "$c" \
    "$(field ok_per_s "$off")" "$(field p50_ms "$off")" "$(field p99_ms "$off")" \
    "$(field ok_per_s "$on")" "$(field p50_ms "$on")" "$(field p99_ms "$on")" "$ratio" "$added" \
    "$(field other "$off")/$(field other "$on")"
done
echo
echo "Spans the OTLP receiver got with tracing on: $(grep 'spans received' "$DATA/logs/otlp-receiver.log" | tail -1 | sed 's/.*: //')"
