#!/usr/bin/env bash
# Several gateway builds side by side on one platform, for the gateway's CPU per kept-page read
# (docs/benchmarks/content.md, run J). Runs inside a platform of its own:
#
#   PLATFORM_JVM_OPTS="-Xmx256m -Xss512k -XX:+UseSerialGC -XX:MaxMetaspaceSize=192m -XX:ReservedCodeCacheSize=64m" \
#     deploy/local/bench/own-platform.sh --run deploy/local/bench/gateways-side-by-side.sh \
#       "main|/path/to/main-gateway.jar|" "change|/path/to/changed-gateway.jar|-Dsome.option=x"
#
# Each argument is "label|gateway jar|extra JVM options". The platform's own gateway is stopped and
# each build is started with its command line and environment (the launcher's), on ports 8080,
# 8180, 8280, ... (management 9080, 9180, ...), all at once, so every build starts and warms on the
# same platform in the same machine state. Then each is warmed in turn (WARMS x WARM at 32
# connections), and ROUNDS rounds load each in turn for ROUND (the page read at 32 connections with
# the bench client's token), the order rotated every round; CPU per read is the build's own
# utime+stime from /proc over its turn, divided by its 2xx answers. Pairs of halves run one after
# the other (run I) compare builds minutes apart on a shared machine; rounds side by side compare
# them seconds apart, in both orders.
#
# BENCH_COMMAND="<command>" runs that command in each build's turn instead of the load above, with
# BENCH_GATEWAY set to the build's address; for the ratio to nginx in both orders (run K):
#   BENCH_COMMAND="env BENCH_PARTS=reads deploy/local/bench/content.sh" ROUNDS=2 ... main change
set -uo pipefail

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../../.." && pwd)
HERE=$ROOT/deploy/local/bench
ROUNDS=${ROUNDS:-6}
ROUND=${ROUND:-12s}
WARM=${WARM:-30s}
WARMS=${WARMS:-2}
PAGE=${BENCH_PAGE:-/roads/report-a-pothole}
URL_PATH="/api/content/channels/web/pages?path=$PAGE"
(($# >= 2)) || { echo "usage: gateways-side-by-side.sh 'label|jar|options' 'label|jar|options' ..." >&2; exit 2; }
[[ -n ${PLATFORM_DATA:-} && -f $PLATFORM_DATA/run/gateway.pid ]] || {
  echo "Run it inside own-platform.sh --run (no running gateway found)." >&2
  exit 2
}
# shellcheck source=deploy/local/bench/bench-token.sh
source "$HERE/bench-token.sh"
TOKEN=$(bench_token)
HZ=$(getconf CLK_TCK)
LOGS=$(mktemp -d)
load() { cut -d' ' -f1-3 /proc/loadavg; }
ticks() { awk '{print $14+$15}' "/proc/$1/stat"; }
wrk_at() { # wrk_at <port> <duration> -> RESULT line
  BENCH_TOKEN=$TOKEN wrk -t2 -c32 -d"$2" --timeout 5s -s "$HERE/report.lua" "http://127.0.0.1:$1$URL_PATH" |
    grep '^RESULT'
}

# The launcher's command line and environment for the gateway, then the gateway stopped.
GW=$(cat "$PLATFORM_DATA/run/gateway.pid")
mapfile -d '' CMD <"/proc/$GW/cmdline"
mapfile -d '' ENVV <"/proc/$GW/environ"
CWD=$(readlink "/proc/$GW/cwd")
kill "$GW"
while kill -0 "$GW" 2>/dev/null; do sleep 0.5; done

PIDS=() LABELS=() PORTS=()
trap 'for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null; done; rm -rf "$LOGS"' EXIT
i=0
for spec in "$@"; do
  IFS='|' read -r label jar opts <<<"$spec"
  [[ $label =~ ^[A-Za-z0-9._+-]+$ ]] || { echo "a label is one word: '$label'" >&2; exit 2; }
  [[ -f $jar ]] || { echo "no such jar: $jar" >&2; exit 2; }
  port=$((8080 + 100 * i)) mport=$((9080 + 100 * i))
  cmd=()
  for ((k = 0; k < ${#CMD[@]}; k++)); do
    if [[ ${CMD[k]} == -jar ]]; then
      # shellcheck disable=SC2206 # the options split into words on purpose
      cmd+=($opts -jar "$jar")
      k=$((k + 1))
    elif [[ ${CMD[k]} == -XX:ArchiveClassesAtExit=* || ${CMD[k]} == -XX:SharedArchiveFile=* ]]; then
      continue # the platform's class data archive is of its extracted gateway, not of these jars
    else
      cmd+=("${CMD[k]}")
    fi
  done
  (cd "$CWD" && exec env -i "${ENVV[@]}" SERVER_PORT=$port MANAGEMENT_SERVER_PORT=$mport "${cmd[@]}" \
    >"$LOGS/$label.log" 2>&1) &
  PIDS+=($!) LABELS+=("$label") PORTS+=("$port")
  echo "gateway $label: port $port, jar $(sha1sum "$jar" | cut -c1-7), options [$opts]"
  i=$((i + 1))
done
n=${#PIDS[@]}
for ((i = 0; i < n; i++)); do
  for _ in $(seq 180); do
    curl -fsS -m 1 "http://127.0.0.1:$((9080 + 100 * i))/actuator/health" >/dev/null 2>&1 && break
    sleep 1
  done
  code=$(curl -sS -m 10 -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $TOKEN" \
    "http://127.0.0.1:${PORTS[i]}$URL_PATH")
  [[ $code == 200 ]] || { echo "${LABELS[i]} answered $code; its log:" >&2; tail -20 "$LOGS/${LABELS[i]}.log" >&2; exit 1; }
done
"$HERE/own-platform.sh" --settle
echo "warming: $WARMS x $WARM each, in turn, from $(date -u +%H:%M:%S) (load $(load))"
for ((r = 0; r < WARMS; r++)); do
  for ((i = 0; i < n; i++)); do wrk_at "${PORTS[i]}" "$WARM" >/dev/null; done
done
if [[ -n ${BENCH_COMMAND:-} ]]; then
  for ((r = 0; r < ROUNDS; r++)); do
    for ((j = 0; j < n; j++)); do
      i=$(((j + r) % n))
      echo "round $r, ${LABELS[i]} from $(date -u +%H:%M:%S) (load $(load)): $BENCH_COMMAND"
      # shellcheck disable=SC2086 # the command splits into words on purpose
      BENCH_GATEWAY=http://127.0.0.1:${PORTS[i]} $BENCH_COMMAND
    done
  done
  echo "done at $(date -u +%H:%M:%S) (load $(load))"
  exit 0
fi
echo "rounds from $(date -u +%H:%M:%S) (load $(load))"
printf '%-6s %-14s %9s %16s %6s\n' round build 'reads/s' 'CPU ms per read' load
RESULTS=()
for ((r = 0; r < ROUNDS; r++)); do
  for ((j = 0; j < n; j++)); do
    i=$(((j + r) % n))
    t0=$(ticks "${PIDS[i]}")
    res=$(wrk_at "${PORTS[i]}" "$ROUND")
    t1=$(ticks "${PIDS[i]}")
    ok=$(sed -E 's/.* ok=([0-9]+).*/\1/' <<<"$res")
    rate=$(sed -E 's/.* ok_per_s=([0-9.]+).*/\1/' <<<"$res")
    cpu=$(awk -v t=$((t1 - t0)) -v n="$ok" -v hz="$HZ" 'BEGIN{printf "%.4f", t*1000/hz/n}')
    printf '%-6s %-14s %9.0f %16s %6s\n' "$r" "${LABELS[i]}" "$rate" "$cpu" "$(cut -d' ' -f1 /proc/loadavg)"
    RESULTS+=("$r ${LABELS[i]} $rate $cpu")
  done
done
echo "done at $(date -u +%H:%M:%S) (load $(load))"
# Means, and in how many rounds each build used less CPU per read than the first one named.
printf '%s\n' "${RESULTS[@]}" | awk -v first="${LABELS[0]}" '
  { cpu[$1, $2] = $4; sum[$2] += $4; rate[$2] += $3; count[$2]++; if (!($2 in seen)) { seen[$2]; order[++k] = $2 } }
  END {
    for (b = 1; b <= k; b++) {
      name = order[b]; lower = 0; rounds = 0
      for (key in cpu) { split(key, p, SUBSEP); if (p[2] == name && ((p[1], first) in cpu)) { rounds++; if (cpu[key] < cpu[p[1], first]) lower++ } }
      printf "mean %-14s %9.0f reads/s  %.4f ms CPU per read", name, rate[name] / count[name], sum[name] / count[name]
      if (name != first) printf "  (%+.1f%%; lower than %s in %d of %d rounds)", 100 * (sum[name] / count[name]) / (sum[first] / count[first]) - 100, first, lower, rounds
      printf "\n"
    }
  }'
