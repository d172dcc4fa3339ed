#!/usr/bin/env bash
# ./platform bench cases: authenticated case submissions through the gateway (each one a case row
# and an outbox row, relayed to Kafka), beside pgbench running the same two inserts in one
# transaction at the same concurrency against the same PostgreSQL, in one run; and the time from
# submission to the event being on Kafka. Prints a table; see docs/benchmarks/case-submission.md.
# Run as "./platform bench cases", its own platform gives the gateway and case-service production's
# compiler (C2) and the warm-up is 240 s (own-platform.sh, ADR 43; BENCH_COMPILER=local keeps the
# local C1-only default); run directly, it measures the platform as it is. The table names the
# compiler each of the two JVMs ran.
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
VERSION=$(sed -n 's:.*<version>\(.*\)</version>.*:\1:p' "$ROOT/pom.xml" | sed -n 2p)
LAUNCHER_CP="$ROOT/deploy/local/target/lib/*:$ROOT/deploy/local/target/local-platform-$VERSION.jar"
DURATION=${BENCH_DURATION:-20}
# Warm-up through the gateway, then pgbench's own. C2 (full tiered compilation) needs a longer one
# through the gateway than C1 before it has compiled the hot path on two busy cores: the "JIT during
# the measured run" line below says whether it had finished (docs/benchmarks/case-submission.md).
WARMUP=${BENCH_WARMUP:-15}
PG_WARMUP=${BENCH_PGBENCH_WARMUP:-$WARMUP}
CONNECTIONS=${BENCH_CONNECTIONS:-16}
THREADS=${BENCH_THREADS:-2}
GATEWAY=http://127.0.0.1:8080
PG_PORT=${PLATFORM_PG_PORT:-5433}
export PGHOST=127.0.0.1 PGPORT=$PG_PORT PGUSER=case_service PGPASSWORD=case_service PGDATABASE=case_service

for tool in wrk pgbench psql; do
  command -v $tool >/dev/null || { echo "$tool is needed: apt-get install wrk postgresql-client" >&2; exit 1; }
done
# The gateway's health is on its management port.
curl -fsS -m 2 "http://127.0.0.1:9080/actuator/health" >/dev/null || {
  echo "The platform is not running: ./platform up -d" >&2
  exit 1
}
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
TOKEN=$(bench_token)
CASE='{"serviceCode":"pothole","channel":"phone","location":{"latitude":51.752,"longitude":-0.336}}'
# The probe reads cases.events after the measured run (default) or follows it during the run
# (BENCH_PROBE=follow: also "seen by a consumer", at the cost of one more consumer in the run).
PROBE_MODE=${BENCH_PROBE:-after}
DATA=${PLATFORM_DATA:-$ROOT/data}
threads_for() { (($1 < THREADS)) && echo "$1" || echo "$THREADS"; }
field() { sed -E "s/.* $1=([^ ]+).*/\1/" <<<"$2"; }

# pgbench's tables: copies of the real ones (same columns, defaults, checks and indexes) in their
# own schema, so the relay never sees its rows; dropped at the end.
psql -q -v ON_ERROR_STOP=1 <<'SQL'
DROP SCHEMA IF EXISTS bench CASCADE;
CREATE SCHEMA bench;
CREATE TABLE bench.service_case (LIKE public.service_case INCLUDING ALL);
CREATE TABLE bench.outbox (LIKE platform.outbox INCLUDING ALL);
SQL
trap 'psql -q -c "DROP SCHEMA IF EXISTS bench CASCADE" >/dev/null 2>&1 || true' EXIT
SCRIPT=$(mktemp --suffix=.sql)
# The rows case-service writes per submission (the case row and its outbox row), with a payload
# and headers of the same size as a real submitted event's, as issue 15 defines the comparison:
# two INSERTs in one transaction. (pgbench reads ":name" as a variable: hence ": null" and CAST
# rather than "::".)
cat >"$SCRIPT" <<'PGBENCH'
BEGIN;
INSERT INTO bench.service_case (id, service_code, channel, description, latitude, longitude, status, submitted_at, submitted_by, due_at) VALUES (gen_random_uuid(), 'pothole', 'phone', NULL, 51.752, -0.336, 'submitted', now(), 'https://127.0.0.1:9000/staff|platform-bench', now() + interval '7 days');
INSERT INTO bench.outbox (event_id, topic, message_key, event_type, headers, payload) VALUES (gen_random_uuid(), 'cases.events', CAST(gen_random_uuid() AS text), 'uk.gov.hertfordshire.case.submitted.v1', CAST('{"ce_id":"6b1f1d2e-2c4e-4a8e-9f0a-1d2c3b4a5e6f","ce_source":"/case-service","ce_specversion":"1.0","ce_type":"uk.gov.hertfordshire.case.submitted.v1","ce_time":"2026-11-25T10:15:30.123456Z","ce_subject":"3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31","ce_dataschema":"https://schemas.hertfordshire.gov.uk/events/case/submitted/v1.json","content-type":"application/json","ce_correlationid":"0f8e7d6c-5b4a-4392-8170-6f5e4d3c2b1a","traceparent":"00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01"}' AS jsonb), convert_to('{"caseId":"3f1c2b7e-8d4a-4e6b-9c1d-2a5f7e9b0c31","serviceCode":"pothole","channel":"phone","submittedAt":"2026-11-25T10:15:30.123456Z","location":{"latitude":51.752,"longitude":-0.336,"postcodeDistrict": null,"uprn": null},"recordedByStaffId": null,"dueAt":"2026-12-02T17:00:00Z"}', 'UTF8'));
END;
PGBENCH
# The same rows as case-service now writes them (ADR 52): one statement, the outbox row's INSERT
# with the case row's as its WITH clause, in one transaction. Measured after the other and printed
# beside it, so the ratio to the database's own best way of writing them is there too.
SCRIPT_ONE=$(mktemp --suffix=.sql)
CASE_ROW=$(sed -n 2p "$SCRIPT")
OUTBOX_ROW=$(sed -n 3p "$SCRIPT")
[[ $CASE_ROW == "INSERT INTO bench.service_case "*";" && $OUTBOX_ROW == "INSERT INTO bench.outbox "*" VALUES ("*");" ]] ||
  { echo "cases.sh: the pgbench script's lines 2 and 3 are not the two INSERTs" >&2; exit 1; }
OUTBOX_ROW=${OUTBOX_ROW%");"}
printf 'BEGIN;\nWITH change AS (%s RETURNING 1) %s WHERE EXISTS (SELECT 1 FROM change);\nEND;\n' \
  "${CASE_ROW%;}" "${OUTBOX_ROW/ VALUES (/ SELECT }" >"$SCRIPT_ONE"

printf '  warming up (%ss through the gateway)...\r' "$WARMUP" >&2
BENCH_METHOD=POST BENCH_BODY=$CASE BENCH_TOKEN=$TOKEN \
  wrk -t"$(threads_for "$CONNECTIONS")" -c"$CONNECTIONS" -d"${WARMUP}s" -s "$HERE/report.lua" "$GATEWAY/api/cases" >/dev/null
printf '  warming up (%ss pgbench)...              \r' "$PG_WARMUP" >&2
pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$PG_WARMUP" -M prepared -f "$SCRIPT" >/dev/null 2>&1

# CPU clock ticks so far of each component (its PID file; PostgreSQL with its backends) and the
# probe: "<name> <ticks>" lines.
ticks_of() {
  local pid stat total=0
  for pid in "$@"; do
    stat=$(cat "/proc/$pid/stat" 2>/dev/null) || continue
    stat=${stat##*) }
    read -r -a fields <<<"$stat"
    total=$((total + fields[11] + fields[12])) # utime and stime (fields 14 and 15 of stat)
  done
  echo "$total"
}
component_ticks() {
  local f pm
  for f in "$DATA"/run/*.pid; do
    [[ -f $f ]] && echo "$(basename "$f" .pid) $(ticks_of "$(<"$f")")"
  done
  if [[ -f $DATA/postgres/postmaster.pid ]]; then
    pm=$(head -1 "$DATA/postgres/postmaster.pid")
    # shellcheck disable=SC2046 # one PID per word
    echo "postgres-server $(ticks_of "$pm" $(pgrep -P "$pm" || true))"
  fi
  echo "probe $(ticks_of "$PROBE")"
  echo "all-processes $(awk '/^cpu / { print $2 + $3 + $4 + $6 + $7 + $8 }' /proc/stat)"
}

# The JIT's work so far in the two JVMs on the hot path (jstat -compiler: methods compiled, seconds
# compiling): read before and after the measured run, so the table says how much compiling fell in it.
JIT_OF=(gateway case-service)
jit_of() { # "<compiled> <seconds>" of a component's JVM, or "- -"
  local pid
  pid=$(cat "$DATA/run/$1.pid" 2>/dev/null) || { echo "- -"; return; }
  jstat -compiler "$pid" 2>/dev/null | awk 'NR == 2 { print $1, $4; found = 1 } END { if (!found) print "- -" }'
}
declare -A JIT_BEFORE
for c in "${JIT_OF[@]}"; do JIT_BEFORE[$c]=$(jit_of "$c"); done

printf '  submissions through the gateway (%ss), probe: %s...\r' "$DURATION" "$PROBE_MODE" >&2
LATENCY_OUT=$(mktemp)
CPU_BEFORE=$(mktemp)
CPU_AFTER=$(mktemp)
PROBE_ARGS=(127.0.0.1:9092 $((DURATION + 10)))
[[ $PROBE_MODE == follow ]] && PROBE_ARGS+=(follow)
java -cp "$LAUNCHER_CP" uk.gov.hertfordshire.platform.local.bench.SubmissionToKafka \
  "${PROBE_ARGS[@]}" >"$LATENCY_OUT" 2>/dev/null &
PROBE=$!
until grep -q READY "$LATENCY_OUT" 2>/dev/null; do sleep 0.2; done
# Where the CPU goes in the middle of the measured run: DURATION - 4 s from its second second.
CPU_SECONDS=$((DURATION - 4))
(
  sleep 2
  component_ticks >"$CPU_BEFORE"
  sleep "$CPU_SECONDS"
  component_ticks >"$CPU_AFTER"
) &
SAMPLER=$!
GATEWAY_RESULT=$(BENCH_METHOD=POST BENCH_BODY=$CASE BENCH_TOKEN=$TOKEN \
  wrk -t"$(threads_for "$CONNECTIONS")" -c"$CONNECTIONS" -d"${DURATION}s" --timeout 5s -s "$HERE/report.lua" "$GATEWAY/api/cases" | grep '^RESULT')
wait "$SAMPLER"
declare -A JIT_AFTER
for c in "${JIT_OF[@]}"; do JIT_AFTER[$c]=$(jit_of "$c"); done
printf '  waiting for the relay to drain...                                   \r' >&2
wait "$PROBE"
LATENCY=$(grep '^RESULT' "$LATENCY_OUT")

printf '  pgbench: the same two inserts (%ss)...                              \r' "$DURATION" >&2
# "<tps> <average latency ms>" of a pgbench run of the script, or the run's output and exit 1 when
# it failed or committed nothing (pgbench exits 2 when a client aborts).
pgbench_run() {
  local out tps
  if out=$(pgbench -n -c "$CONNECTIONS" -j "$THREADS" -T "$DURATION" -M prepared -f "$1" 2>&1); then
    tps=$(sed -nE 's/^tps = ([0-9.]+).*/\1/p' <<<"$out" | head -1)
    if [[ -n $tps ]] && awk -v t="$tps" 'BEGIN { exit !(t > 0) }'; then
      echo "$tps $(sed -nE 's/^latency average = ([0-9.]+) ms/\1/p' <<<"$out")"
      return
    fi
  fi
  printf '\npgbench (%s) failed:\n%s\n' "$2" "$out" >&2
  exit 1
}
PG_RUN=$(pgbench_run "$SCRIPT" "the two inserts") # a plain assignment, so set -e stops on a failure
read -r PG_TPS PG_LAT <<<"$PG_RUN"
printf '  pgbench: the same rows in one statement (%ss)...                    \r' "$DURATION" >&2
PG_RUN=$(pgbench_run "$SCRIPT_ONE" "one statement")
read -r PG_ONE_TPS PG_ONE_LAT <<<"$PG_RUN"
printf '\r\e[K' >&2
rm -f "$SCRIPT" "$SCRIPT_ONE" "$LATENCY_OUT"

GW_OK=$(field ok_per_s "$GATEWAY_RESULT")
printf '\nCase submission, %s connections, %ss each, in one run (%s, %s cores)\n\n' \
  "$CONNECTIONS" "$DURATION" "$(java -version 2>&1 | head -1)" "$(nproc)"
# Which compiler the two JVMs on the path ran (the last -XX:TieredStopAtLevel on the command line).
compiler_of() {
  local pid level
  pid=$(cat "$DATA/run/$1.pid" 2>/dev/null) && [[ -r /proc/$pid/cmdline ]] || { echo "unknown"; return; }
  level=$(tr '\0' '\n' <"/proc/$pid/cmdline" | sed -n 's/^-XX:TieredStopAtLevel=//p' | tail -1)
  case ${level:-4} in 1) echo "C1 only" ;; 4) echo "C2 (full tiered)" ;; *) echo "tiered to level $level" ;; esac
}
printf 'Compiler: gateway %s, case-service %s; warm-up %s s through the gateway\n\n' \
  "$(compiler_of gateway)" "$(compiler_of case-service)" "$WARMUP"
printf '| %-58s | %10s | %9s | %9s |\n' "measure" "per second" "p50 ms" "p99 ms"
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..60})" "------------" "-----------" "-----------"
printf '| %-58s | %10s | %9s | %9s |\n' "submissions through the gateway (authenticated, 201s)" \
  "$GW_OK" "$(field p50_ms "$GATEWAY_RESULT")" "$(field p99_ms "$GATEWAY_RESULT")"
printf '| %-58s | %10s | %9s | %9s |\n' "pgbench: case row + outbox row, one transaction" \
  "$(printf '%.0f' "$PG_TPS")" "avg $PG_LAT" "-"
printf '| %-58s | %10s | %9s | %9s |\n' "ratio (goal: at least 15%, issue 15)" \
  "$(awk -v g="$GW_OK" -v p="$PG_TPS" 'BEGIN { printf "%.1f%%", (p > 0 ? 100 * g / p : 0) }')" "" ""
printf '| %-58s | %10s | %9s | %9s |\n' "pgbench: the same rows in one statement (ADR 52)" \
  "$(printf '%.0f' "$PG_ONE_TPS")" "avg $PG_ONE_LAT" "-"
printf '| %-58s | %10s | %9s | %9s |\n' "ratio to it (not the goal's measure)" \
  "$(awk -v g="$GW_OK" -v p="$PG_ONE_TPS" 'BEGIN { printf "%.1f%%", (p > 0 ? 100 * g / p : 0) }')" "" ""
printf '| %-58s | %10s | %9s | %9s |\n' "submission -> sent to Kafka (goal: p99 < 250 ms), $(field count "$LATENCY") ev." \
  "" "$(field create_p50_ms "$LATENCY")" "$(field create_p99_ms "$LATENCY")"
if [[ $PROBE_MODE == follow ]]; then
  printf '| %-58s | %10s | %9s | %9s |\n' "submission -> seen by the probe following the topic" \
    "" "$(field seen_p50_ms "$LATENCY")" "$(field seen_p99_ms "$LATENCY")"
fi
echo
echo "non-2xx through the gateway: $(field other "$GATEWAY_RESULT")"

# Each component's CPU over CPU_SECONDS of the measured run, per submission at the run's rate.
echo
printf 'CPU during %s s of the measured run (/proc/<pid>/stat; wrk not counted), at %s submissions/s:\n\n' \
  "$CPU_SECONDS" "$GW_OK"
printf '| %-22s | %6s | %16s |\n' "component" "cores" "ms per submission"
printf '|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..24})" "--------" "------------------"
join <(sort "$CPU_BEFORE") <(sort "$CPU_AFTER") | awk -v hz="$(getconf CLK_TCK)" -v s="$CPU_SECONDS" -v rate="$GW_OK" '
  { cores = ($3 - $2) / hz / s
    printf "| %-22s | %6.2f | %16.2f |\n", $1, cores, (rate > 0 ? 1000 * cores / rate : 0) }'
rm -f "$CPU_BEFORE" "$CPU_AFTER"

echo
echo "JIT during the measured run (jstat -compiler; warm-up ${WARMUP} s):"
for c in "${JIT_OF[@]}"; do
  read -r b_n b_s <<<"${JIT_BEFORE[$c]}"
  read -r a_n a_s <<<"${JIT_AFTER[$c]}"
  if [[ $b_n == - || $a_n == - ]]; then
    echo "  $c: not read"
  else
    awk -v c="$c" -v bn="$b_n" -v an="$a_n" -v bs="$b_s" -v as="$a_s" \
      'BEGIN { printf "  %s: %d methods compiled, %.1f s compiling (%d and %.1f s before it)\n", c, an - bn, as - bs, bn, bs }'
  fi
done
