#!/usr/bin/env bash
# ./platform bench gateway: the same requests sent straight to case-service and through the
# gateway, in one run, with rate limiting and JWT validation on. Prints a table; see
# docs/benchmarks/gateway.md for recorded results.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
DURATION=${BENCH_DURATION:-20s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
DIRECT=http://127.0.0.1:8081
GATEWAY=http://127.0.0.1:8080

command -v wrk >/dev/null || {
  echo "wrk is needed: apt-get install wrk" >&2
  exit 1
}
# The gateway's health is on its management port.
curl -fsS -m 2 "http://127.0.0.1:9080/actuator/health" >/dev/null || {
  echo "The platform is not running: ./platform up -d" >&2
  exit 1
}
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
TOKEN=$(bench_token)
CASE='{"serviceCode":"pothole","channel":"phone","location":{"latitude":51.752,"longitude":-0.336}}'

threads_for() { (($1 < THREADS)) && echo "$1" || echo "$THREADS"; } # wrk needs conns >= threads

run() { # run <connections> <url> <method> <body> <token> -> RESULT line
  BENCH_METHOD=$3 BENCH_BODY=$4 BENCH_TOKEN=$5 \
    wrk -t"$(threads_for "$1")" -c"$1" -d"$DURATION" --timeout 5s -s "$HERE/report.lua" "$2" | grep '^RESULT'
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

declare -a ROWS=()
measure() { # measure <label> <connections> <path> <method> <body> <token>
  local label=$1 c=$2 path=$3 method=$4 body=$5 token=$6 direct gateway
  printf '  %-44s warming up...\r' "$label" >&2
  BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$token \
    wrk -t"$(threads_for "$c")" -c"$c" -d"$WARMUP" -s "$HERE/report.lua" "$GATEWAY$path" >/dev/null
  BENCH_METHOD=$method BENCH_BODY=$body BENCH_TOKEN=$token \
    wrk -t"$(threads_for "$c")" -c"$c" -d"$WARMUP" -s "$HERE/report.lua" "$DIRECT$path" >/dev/null
  printf '  %-44s direct...     \r' "$label" >&2
  direct=$(run "$c" "$DIRECT$path" "$method" "$body" "$token")
  printf '  %-44s via gateway...\r' "$label" >&2
  gateway=$(run "$c" "$GATEWAY$path" "$method" "$body" "$token")
  printf '\r\e[K' >&2
  ROWS+=("$label|$c|$(field ok_per_s "$direct")|$(field p50_ms "$direct")|$(field p99_ms "$direct")|$(field ok_per_s "$gateway")|$(field p50_ms "$gateway")|$(field p99_ms "$gateway")|$(field other "$direct")/$(field other "$gateway")")
}

echo "Benchmark: direct to case-service (:8081) vs through the gateway (:8080), $DURATION each, wrk $THREADS threads" >&2
measure "(a) public read: GET open311 services" "$CONNECTIONS" /open311/v2/services.json GET "" "$TOKEN"
measure "(a) public read, single client" 1 /open311/v2/services.json GET "" "$TOKEN"
measure "(b) authenticated case submission" "$CONNECTIONS" /api/cases POST "$CASE" "$TOKEN"
measure "(b) authenticated case submission, 1 client" 1 /api/cases POST "$CASE" "$TOKEN"

printf '\n| %-44s | %5s | %12s | %8s | %8s | %12s | %8s | %8s | %8s | %10s | %9s |\n' \
  "requests" "conns" "direct ok/s" "p50 ms" "p99 ms" "gateway ok/s" "p50 ms" "p99 ms" "ratio" "+p50 ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..46})" "-------" \
  "--------------" "----------" "----------" "--------------" "----------" "----------" "----------" "------------" "-----------"
for row in "${ROWS[@]}"; do
  IFS='|' read -r label c dok dp50 dp99 gok gp50 gp99 other <<<"$row"
  ratio=$(awk -v g="$gok" -v d="$dok" 'BEGIN { printf "%.0f%%", (d > 0 ? 100 * g / d : 0) }')
  added=$(awk -v g="$gp50" -v d="$dp50" 'BEGIN { printf "%+.2f", g - d }')
  printf '| %-44s | %5s | %12s | %8s | %8s | %12s | %8s | %8s | %8s | %10s | %9s |\n' \
    "$label" "$c" "$dok" "$dp50" "$dp99" "$gok" "$gp50" "$gp99" "$ratio" "$added" "$other"
done
