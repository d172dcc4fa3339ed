#!/usr/bin/env bash
# ./platform bench gateway: the platform's cheap reads, each beside the same service's
# /actuator/health and sent both straight to the service and through the gateway, in one run, with
# rate limiting and JWT validation on; then (BENCH_SUBMISSIONS=1, the default) case submissions
# direct and through the gateway. Prints a table with the ratios; see docs/benchmarks/gateway.md.
#
# BENCH_COMPARE_GATEWAY=http://127.0.0.1:18080 also sends every read through a second gateway
# (another build, e.g. main's, started by hand on other ports), right after the first, so a change
# to the gateway is measured beside its baseline in the same run.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
DURATION=${BENCH_DURATION:-15s}
WARMUP=${BENCH_WARMUP:-5s}
CONNECTIONS=${BENCH_CONNECTIONS:-32}
THREADS=${BENCH_THREADS:-2}
SUBMISSIONS=${BENCH_SUBMISSIONS:-1}
COMPARE=${BENCH_COMPARE_GATEWAY:-}
GATEWAY=http://127.0.0.1:8080
CASES=http://127.0.0.1:8081
CONTENT=http://127.0.0.1:8082
PAGE=${BENCH_PAGE:-/roads/report-a-pothole}

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
wrk_run() { # wrk_run <connections> <duration> <url> <method> <body> <token> -> RESULT line
  BENCH_METHOD=$4 BENCH_BODY=$5 BENCH_TOKEN=$6 \
    wrk -t"$(threads_for "$1")" -c"$1" -d"$2" --timeout 5s -s "$HERE/report.lua" "$3" | grep '^RESULT'
}
listener() { # listener <url>: the PID of the process listening on the URL's port, if ss can tell
  local port=${1#http://*:}
  port=${port%%/*}
  ss -Hltnp "sport = :$port" 2>/dev/null | sed -nE 's/.*pid=([0-9]+).*/\1/p' | head -1
}
cpu_ticks() { # cpu_ticks <pid>: user + system CPU time so far, in clock ticks
  [[ -n $1 && -r /proc/$1/stat ]] && awk '{ print $14 + $15 }' "/proc/$1/stat" || echo 0
}
measure() { # measure <connections> <url> [method body token]: a warm-up, then the measured run,
  # with the CPU the process behind the URL spent per successful request (cpu_ms=)
  local pid before result ok
  wrk_run "$1" "$WARMUP" "$2" "${3:-GET}" "${4:-}" "${5-$TOKEN}" >/dev/null
  pid=$(listener "$2")
  before=$(cpu_ticks "$pid")
  result=$(wrk_run "$1" "$DURATION" "$2" "${3:-GET}" "${4:-}" "${5-$TOKEN}")
  ok=$(field ok "$result")
  echo "$result cpu_ms=$(awk -v t=$(($(cpu_ticks "$pid") - before)) -v hz="$(getconf CLK_TCK)" -v n="$ok" \
    -v p="$pid" 'BEGIN { if (p == "" || n == 0) print "-"; else printf "%.2f", 1000 * t / hz / n }')"
}
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f%%", (b > 0 ? 100 * a / b : 0) }'; }
progress() { printf '\r\e[K  %s...' "$*" >&2; }

# --- Cheap reads: health, direct, through the gateway ----------------------------------------
# Health is asked as a probe asks it, without a token; every read carries the bench client's
# token, as every request through the gateway must (anonymous callers are rate limited).
declare -a READS=()
read_row() { # read_row <label> <service base URL> <path> <connections>
  local label=$1 base=$2 path=$3 c=$4 health direct gateway compare=
  progress "$label, $c connection(s): the service's health"
  health=$(measure "$c" "$base/actuator/health" GET "" "")
  progress "$label, $c connection(s): direct"
  direct=$(measure "$c" "$base$path")
  progress "$label, $c connection(s): through the gateway"
  gateway=$(measure "$c" "$GATEWAY$path")
  if [[ -n $COMPARE ]]; then
    progress "$label, $c connection(s): through the comparison gateway"
    compare=$(measure "$c" "$COMPARE$path")
  fi
  READS+=("$label|$c|$health|$direct|$gateway|$compare")
}
for c in "$CONNECTIONS" 1; do
  read_row "GET /open311/v2/services.json" "$CASES" /open311/v2/services.json "$c"
  read_row "GET /api/catalogue/services" "$CASES" /api/catalogue/services "$c"
  read_row "GET content page (web)" "$CONTENT" "/api/content/channels/web/pages?path=$PAGE" "$c"
done

# --- Case submissions: direct and through the gateway ----------------------------------------
declare -a WRITES=()
if [[ $SUBMISSIONS == 1 ]]; then
  for c in "$CONNECTIONS" 1; do
    progress "case submission, $c connection(s): direct"
    direct=$(measure "$c" "$CASES/api/cases" POST "$CASE")
    progress "case submission, $c connection(s): through the gateway"
    gateway=$(measure "$c" "$GATEWAY/api/cases" POST "$CASE")
    WRITES+=("POST /api/cases (phone)|$c|$direct|$gateway")
  done
fi
printf '\r\e[K' >&2

# --- The tables --------------------------------------------------------------------------------
printf '\nGateway benchmark: %s each after a %s warm-up, wrk %s threads; %s cores, %s; load %s\n' \
  "$DURATION" "$WARMUP" "$THREADS" "$(nproc)" "$(java -version 2>&1 | head -1)" \
  "$(cut -d' ' -f1-3 /proc/loadavg)"
printf '\n| %-30s | %5s | %9s | %9s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %8s | %9s | %9s | %7s |\n' \
  "read" "conns" "health/s" "direct/s" "p50 ms" "p99 ms" "gateway/s" "p50 ms" "p99 ms" \
  "dir/hlth" "gw/dir" "+p50 ms" "svc cpu ms" "gw cpu ms" "non-2xx"
printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "-------" \
  "-----------" "-----------" "---------" "---------" "-----------" "---------" "---------" \
  "----------" "----------" "----------" "-----------" "-----------" "---------"
for r in "${READS[@]}"; do
  IFS='|' read -r label c health direct gateway compare <<<"$r"
  h=$(field ok_per_s "$health") d=$(field ok_per_s "$direct") g=$(field ok_per_s "$gateway")
  printf '| %-30s | %5s | %9s | %9s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %8s | %9s | %9s | %7s |\n' \
    "$label" "$c" "$h" "$d" "$(field p50_ms "$direct")" "$(field p99_ms "$direct")" "$g" \
    "$(field p50_ms "$gateway")" "$(field p99_ms "$gateway")" "$(ratio "$d" "$h")" "$(ratio "$g" "$d")" \
    "$(awk -v g="$(field p50_ms "$gateway")" -v d="$(field p50_ms "$direct")" 'BEGIN { printf "%+.2f", g - d }')" \
    "$(field cpu_ms "$direct")" "$(field cpu_ms "$gateway")" \
    "$(field other "$health")/$(field other "$direct")/$(field other "$gateway")"
done
echo "Goals: direct/health >= 50%, gateway/direct >= 50% (non-2xx: health/direct/gateway)"
echo "CPU ms per request: the service's in the direct run, the gateway's own in the gateway run"

if [[ -n $COMPARE ]]; then
  printf '\nThe same reads through the comparison gateway (%s), measured right after the gateway above\n' "$COMPARE"
  printf '\n| %-30s | %5s | %9s | %7s | %7s | %9s | %9s | %7s | %7s | %9s | %7s |\n' \
    "read" "conns" "gateway/s" "p50 ms" "p99 ms" "gw cpu ms" "compare/s" "p50 ms" "p99 ms" "cmp cpu ms" "non-2xx"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "-------" "-----------" \
    "---------" "---------" "-----------" "-----------" "---------" "---------" "-----------" "---------"
  for r in "${READS[@]}"; do
    IFS='|' read -r label c health direct gateway compare <<<"$r"
    printf '| %-30s | %5s | %9s | %7s | %7s | %9s | %9s | %7s | %7s | %9s | %7s |\n' "$label" "$c" \
      "$(field ok_per_s "$gateway")" "$(field p50_ms "$gateway")" "$(field p99_ms "$gateway")" \
      "$(field cpu_ms "$gateway")" "$(field ok_per_s "$compare")" "$(field p50_ms "$compare")" \
      "$(field p99_ms "$compare")" "$(field cpu_ms "$compare")" "$(field other "$gateway")/$(field other "$compare")"
  done
fi

if ((${#WRITES[@]})); then
  printf '\n| %-30s | %5s | %9s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %7s |\n' \
    "write" "conns" "direct/s" "p50 ms" "p99 ms" "gateway/s" "p50 ms" "p99 ms" "gw/dir" "+p50 ms" "non-2xx"
  printf '|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..32})" "-------" \
    "-----------" "---------" "---------" "-----------" "---------" "---------" "----------" \
    "----------" "---------"
  for r in "${WRITES[@]}"; do
    IFS='|' read -r label c direct gateway <<<"$r"
    d=$(field ok_per_s "$direct") g=$(field ok_per_s "$gateway")
    printf '| %-30s | %5s | %9s | %7s | %7s | %9s | %7s | %7s | %8s | %8s | %7s |\n' \
      "$label" "$c" "$d" "$(field p50_ms "$direct")" "$(field p99_ms "$direct")" "$g" \
      "$(field p50_ms "$gateway")" "$(field p99_ms "$gateway")" "$(ratio "$g" "$d")" \
      "$(awk -v g="$(field p50_ms "$gateway")" -v d="$(field p50_ms "$direct")" 'BEGIN { printf "%+.2f", g - d }')" \
      "$(field other "$direct")/$(field other "$gateway")"
  done
  echo "(each submission is a real case: run against a data folder of its own, PLATFORM_DATA)"
fi
