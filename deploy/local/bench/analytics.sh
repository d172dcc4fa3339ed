#!/usr/bin/env bash
# ./platform bench analytics [N]: puts N case-submitted CloudEvents on cases.events, waits for the
# live projection to catch up (timing it), then in the same run reads the whole topic with a raw Kafka consumer
# (Kafka's own ConsumerPerformance tool) and rebuilds analytics-service's projections from it,
# and prints both rates and their ratio. See docs/benchmarks/analytics-rebuild.md for results.
#
# Each event carries what case-service's relay puts on every event: the CloudEvents headers and a W3C
# traceparent, here of a trace that is not sampled (the platform's default, tracing off).
# The events are synthetic cases (service codes bench-*, dates in 2024) added to the log for good:
# ./platform bench analytics runs it on a platform of its own, deleted afterwards (own-platform.sh).
set -euo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
N=${1:-${BENCH_EVENTS:-100000}}
[[ $N =~ ^[1-9][0-9]*$ ]] || { echo "usage: ./platform bench analytics [number of events]" >&2; exit 2; }
KAFKA=127.0.0.1:9092
ANALYTICS=http://127.0.0.1:8085
TOPIC=cases.events
CP="$ROOT/deploy/local/target/lib/*"

kt() { java -Xmx512m -XX:+UseSerialGC -cp "$CP" "$@"; }
json_number() { sed -n "s/.*\"$1\":\([0-9.eE+-]*\).*/\1/p" <<<"$2"; }
json_string() { sed -n "s/.*\"$1\":\"\([^\"]*\)\".*/\1/p" <<<"$2"; }
now_ms() { local t=${EPOCHREALTIME/./}; echo $((t / 1000)); }

curl -fsS -m 2 "$ANALYTICS/actuator/health" >/dev/null 2>&1 || {
  echo "analytics-service is not running: ./platform up -d" >&2
  exit 1
}
[[ -d $ROOT/deploy/local/target/lib ]] || { echo "Build the launcher first (./platform up builds it)." >&2; exit 1; }
if pgrep -f 'plexus-classworlds' >/dev/null; then
  echo "NOTE: a Maven build is running on this machine; the figures will be noisy." >&2
fi
ADMIN="Authorization: Bearer $("$ROOT/platform" token admin-judy)"

topic_size() { # sum of the end offsets of every partition
  kt org.apache.kafka.tools.GetOffsetShell --bootstrap-server "$KAFKA" --topic "$TOPIC" --time -1 2>/dev/null |
    awk -F: '{ s += $3 } END { print s + 0 }'
}

live_lag() { # events the live consumer group has not handled yet
  kt org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA" \
    --describe --group analytics-service 2>/dev/null |
    awk -v t="$TOPIC" '$2 == t && $6 ~ /^[0-9]+$/ { s += $6 } END { print s + 0 }'
}

others_lag() { # events the services' other groups on the topic (content-service, sap-adapter) have not handled yet
  # (ConsumerPerformance's own groups, perf-consumer-*, left out)
  kt org.apache.kafka.tools.consumer.group.ConsumerGroupCommand --bootstrap-server "$KAFKA" \
    --describe --all-groups 2>/dev/null |
    awk -v t="$TOPIC" '$1 != "analytics-service" && $1 !~ /^perf-consumer/ && $2 == t && $6 ~ /^[0-9]+$/ { s += $6 } END { print s + 0 }'
}

handled() { # events the live projection has handled from the topic (analytics-service's own count)
  curl -fsS -m 2 "$ANALYTICS/actuator/prometheus" 2>/dev/null |
    awk -v t="$TOPIC" '/^inbox_handled_events_total\{/ && index($0, "topic=\"" t "\"") { s += $NF } END { printf "%d\n", s }'
}

# --- 1. fill the topic, timing the live projection ---------------------------------------
# The live rate: events handled per second from the first one the live path takes to the last,
# sampled from its own counter every 0.2 s. analytics-service is paused (SIGSTOP) while the events
# are published and continued after, so it drains a backlog at its own pace rather than the
# publisher's (BENCH_LIVE_BACKLOG=0 leaves it running: then the rate is at most the publisher's).
ANALYTICS_PID=$(cat "${PLATFORM_DATA:-$ROOT/data}/run/analytics-service.pid" 2>/dev/null || true)
pause() { [[ ${BENCH_LIVE_BACKLOG:-1} == 1 && -n $ANALYTICS_PID ]] && kill "-$1" "$ANALYTICS_PID" 2>/dev/null || true; }
SAMPLES=$(mktemp)
H0=$(handled)
pause STOP
trap 'pause CONT; rm -f "$SAMPLES"' EXIT
( while true; do echo "$(now_ms) $(handled)"; sleep 0.2; done >"$SAMPLES" ) &
SAMPLER=$!
RUN_ID=$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
echo "Publishing $N case-submitted events to $TOPIC (run $RUN_ID)..." >&2
start=$(now_ms)
awk -v n="$N" -v run="$RUN_ID" 'BEGIN {
  split("web app open311 phone face_to_face email", ch, " ")
  split("bench-pothole bench-light bench-drain bench-bins", sv, " ")
  for (i = 0; i < n; i++) {
    caseId = sprintf("%s-0000-4000-8000-%012x", run, i)
    eventId = sprintf("%s-0001-4000-8000-%012x", run, i)
    day = i % 365; month = int(day / 31) % 12 + 1; dom = day % 28 + 1
    at = sprintf("2024-%02d-%02dT%02d:%02d:00Z", month, dom, i % 24, i % 60)
    traceparent = sprintf("00-%s%024x-%016x-00", run, i, i + 1)
    printf "ce_specversion:1.0,ce_id:%s,ce_source:/case-service,ce_type:uk.gov.hertfordshire.case.submitted.v1,ce_time:%s,ce_subject:%s,ce_dataschema:https://schemas.hertfordshire.gov.uk/events/case/submitted.v1.json,content-type:application/json,traceparent:%s\t%s\t{\"caseId\":\"%s\",\"serviceCode\":\"%s\",\"channel\":\"%s\",\"submittedAt\":\"%s\"}\n",
      eventId, at, caseId, traceparent, caseId, caseId, sv[i % 4 + 1], ch[i % 6 + 1], at
  }
}' | kt org.apache.kafka.tools.ConsoleProducer --bootstrap-server "$KAFKA" --topic "$TOPIC" \
  --property parse.key=true --property parse.headers=true \
  --producer-property linger.ms=20 --producer-property batch.size=262144 \
  --producer-property compression.type=none --producer-property acks=all >/dev/null
echo "  published in $(( ($(now_ms) - start) / 1000 )) s" >&2
# Nothing of the bench's own starts while the live path drains (each tool here is a JVM start, a
# second or two of CPU on a small machine): the topic's size is read before analytics-service goes
# on, and the wait below reads the service's own counter, which the sampler reads anyway.
TOTAL=$(topic_size)
# BENCH_LIVE_ALONE=1: the topic's other consumers (content-service, sap-adapter) handle the burst
# before analytics-service goes on, so the drain is timed on an otherwise idle platform, as the raw
# consumer and the rebuild are. By default they drain beside it, as they would in production.
if [[ ${BENCH_LIVE_ALONE:-0} == 1 ]]; then
  echo "Waiting for the topic's other consumers to handle the events..." >&2
  while lag=$(others_lag) && ((lag > 0)); do printf '\r\e[K  %s to go' "$lag" >&2; sleep 1; done
  printf '\r\e[K' >&2
fi
pause CONT

echo "Waiting for the live projection to handle all $TOTAL events on $TOPIC..." >&2
waited=$SECONDS # at most 10 minutes on the counter (events dead-lettered are never counted)
while (( $(tail -1 "$SAMPLES" | awk '{ print $2 + 0 }') < H0 + N && SECONDS - waited < 600 )); do sleep 0.5; done
while lag=$(live_lag) && ((lag > 0)); do # the group's offsets, committed after each transaction
  printf '\r\e[K  %s to go' "$lag" >&2
  sleep 2
done
printf '\r\e[K' >&2
for _ in $(seq 150); do (( $(handled) >= H0 + N )) && break; sleep 0.2; done
sleep 0.3
kill "$SAMPLER" 2>/dev/null; wait "$SAMPLER" 2>/dev/null || true
# first sample past H0 .. first sample at H0 + N
read -r LIVE_EVENTS LIVE_MS < <(awk -v h0="$H0" -v n="$N" '
  NF == 2 && $2 > h0 && !t1 { t1 = $1; c1 = $2 }
  NF == 2 && $2 >= h0 + n && !t2 { t2 = $1 }
  END { print h0 + n - c1, t2 - t1 }' "$SAMPLES")
LIVE_RATE=$(awk -v n="$LIVE_EVENTS" -v ms="$LIVE_MS" 'BEGIN { printf "%.0f", (ms > 0) ? n * 1000 / ms : 0 }')
BEFORE=$(curl -fsS -H "$ADMIN" "$ANALYTICS/api/analytics/channels")

# --- 2. a raw consumer reads the same topic --------------------------------------------------
echo "Raw Kafka consumer reading all $TOTAL events..." >&2
raw=$(kt org.apache.kafka.tools.ConsumerPerformance --bootstrap-server "$KAFKA" --topic "$TOPIC" \
  --messages "$TOTAL" --timeout 120000 --hide-header 2>/dev/null | tail -1)
# start, end, MB, MB/s, nMsg, nMsg/s, rebalance ms, fetch ms, fetch MB/s, fetch nMsg/s
RAW_EVENTS=$(cut -d, -f5 <<<"$raw" | tr -d ' ')
RAW_FETCH_MS=$(cut -d, -f8 <<<"$raw" | tr -d ' ')
RAW_RATE=$(cut -d, -f10 <<<"$raw" | tr -d ' ')

# --- 3. rebuild -------------------------------------------------------------------------------
echo "Rebuilding analytics from the start of the log..." >&2
started=$(curl -fsS -X POST -H "$ADMIN" "$ANALYTICS/api/analytics/admin/rebuilds")
GEN=$(json_number generation "$started")
while true; do
  status=$(curl -fsS -H "$ADMIN" "$ANALYTICS/api/analytics/admin/rebuilds/$GEN")
  state=$(json_string state "$status")
  printf '\r\e[K  %s: %s / %s' "$state" "$(json_number eventsRead "$status")" "$(json_number eventsToRead "$status")" >&2
  [[ $state == serving ]] && break
  [[ $state == abandoned ]] && { echo; echo "Rebuild abandoned: $status" >&2; exit 1; }
  sleep 0.5
done
printf '\r\e[K' >&2
REB_EVENTS=$(json_number eventsRead "$status")
REB_RATE=$(json_number eventsPerSecond "$status")
AFTER=$(curl -fsS -H "$ADMIN" "$ANALYTICS/api/analytics/channels")
[[ $BEFORE == "$AFTER" ]] && SAME=yes || SAME=NO

# --- 4. the table -----------------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)
printf '\nMachine: %s, %s cores, %s MB RAM; %s\n' "$cpu" "$(nproc)" \
  "$(awk '/MemTotal/ { print int($2 / 1024) }' /proc/meminfo)" "$(date -u '+%F %T UTC')"
printf '\n| %-48s | %10s | %12s | %10s |\n' reader events seconds events/s
printf '|%s|%s|%s|%s|\n' "$(printf -- '-%.0s' {1..50})" ------------ -------------- ------------
printf '| %-48s | %10s | %12s | %10.0f |\n' "raw consumer (ConsumerPerformance, fetch only)" \
  "$RAW_EVENTS" "$(awk -v ms="$RAW_FETCH_MS" 'BEGIN { printf "%.1f", ms / 1000 }')" "$RAW_RATE"
printf '| %-48s | %10s | %12s | %10.0f |\n' "live projection (inbox, project, commit)" \
  "$LIVE_EVENTS" "$(awk -v ms="$LIVE_MS" 'BEGIN { printf "%.1f", ms / 1000 }')" "$LIVE_RATE"
printf '| %-48s | %10s | %12s | %10.0f |\n' "analytics rebuild (read, project, commit)" \
  "$REB_EVENTS" "$(awk -v n="$REB_EVENTS" -v r="$REB_RATE" 'BEGIN { printf "%.1f", n / r }')" "$REB_RATE"
printf '\nrebuild / raw consumer: %s   figures identical before and after the rebuild: %s\n' \
  "$(awk -v a="$REB_RATE" -v b="$RAW_RATE" 'BEGIN { printf "%.1f%%", 100 * a / b }')" "$SAME"
[[ $SAME == yes ]]
